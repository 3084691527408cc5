import { cloneModel, type Model } from '@scanflow/ir';
import type { Stage } from './pass';
import { type PassRecord, runPipeline, type RunPipelineOptions } from './pass-manager';

/** The pipeline that produces each stage from the previous one (stages not built yet are absent). */
export const STAGE_PIPELINES: Partial<Record<Stage, string>> = {
  import: 'normalize-opset,cleanup,lower-lstm,lower-rnn,cleanup',
  qonnx: 'qcdq-to-quant,push-quant-through-data-movement,inline-scan-constants,cleanup,infer-datatypes',
  streamlined: 'extract-conv-bias,fold-quant-weights,scan-channel-layout,quant-to-multithreshold,streamline,round-thresholds,infer-shapes,infer-datatypes,minimize-widths',
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
  for (const stage of Object.keys(pipelines) as Stage[]) {
    const pipeline = pipelines[stage]!;
    const { records } = runPipeline(work, pipeline, options);
    out.push({ stage, pipeline, model: cloneModel(work), records });
    if (stage === options.upTo) break;
  }
  return out;
}
