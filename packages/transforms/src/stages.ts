import { cloneModel, type Model } from '@scanflow/ir';
import { STAGES, type Stage } from './pass';
import { type PassRecord, runPipeline, type RunPipelineOptions } from './pass-manager';

/**
 * The pipeline that produces each stage from the previous one. `cell-quant` has none by default: it
 * runs only when the caller gives it one (`--cell-quant`: insert-cell-quantizers with a spec).
 */
export const STAGE_PIPELINES: Partial<Record<Stage, string>> = {
  import: 'normalize-opset,freeze-initializer-inputs,annotate-multithreshold-outputs,cleanup,lower-lstm,lower-rnn,lower-quant-lstm-cell,cleanup',
  qonnx: 'qcdq-to-quant,push-quant-through-data-movement,inline-scan-constants,cleanup,infer-datatypes',
  streamlined: 'quantize-cell-boundary,extract-conv-bias,fold-quant-weights,scan-channel-layout,quant-to-multithreshold,streamline,round-thresholds,infer-shapes,infer-datatypes,minimize-widths',
  hardware: 'to-hw-layers,merge-threshold-stages,hoist-recurrence-inputs,merge-threshold-stages,scan-to-recurrence,dedupe-nodes,collapse-layout,insert-duplicate-streams,infer-shapes',
};

export interface StageSnapshot {
  stage: Stage;
  pipeline: string;
  /** The model as this stage left it (a copy: later stages do not change it). */
  model: Model;
  records: PassRecord[];
}

/**
 * Runs the stage pipelines in order on a copy of `model`, keeping a snapshot after each stage, up
 * to and including `upTo` (default: every stage that exists).
 */
export function runStages(model: Model, options: RunPipelineOptions & { upTo?: Stage; pipelines?: Partial<Record<Stage, string>> }): StageSnapshot[] {
  const pipelines = { ...STAGE_PIPELINES, ...(options.pipelines ?? {}) };
  const work = cloneModel(model);
  const out: StageSnapshot[] = [];
  for (const stage of STAGES) {
    const pipeline = pipelines[stage];
    if (pipeline === undefined) continue;
    const { records } = runPipeline(work, pipeline, options);
    out.push({ stage, pipeline, model: cloneModel(work), records });
    if (stage === options.upTo) break;
  }
  return out;
}

/** The `cell-quant` stage's pipeline for a spec (see parseCellQuantSpec). */
export function cellQuantPipeline(spec: string): string {
  return `insert-cell-quantizers{spec=${spec}},cleanup,infer-datatypes`;
}
