import type { Registry } from '@scanflow/ir';
import { parsePipeline, type Stage, STAGES } from '@scanflow/transforms';
import { UsageError } from '../cli-error';

/** Stage pipelines given on the command line (`--pipeline STAGE=TEXT`), replacing the assembled ones. */
export type StagePipelines = Partial<Record<Stage, string>>;

/** Commander collector for the repeatable `--pipeline STAGE=TEXT`. */
export function collectPipeline(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * `--pipeline STAGE=TEXT` (repeatable): the pipeline TEXT replaces STAGE's (e.g.
 * `--pipeline 'streamlined=quant-to-multithreshold,streamline{max-rounds=8}'`). A usage error names
 * an unknown stage, a stage given twice, or text that is not a pipeline.
 */
export function pipelineOption(values: readonly string[] | undefined): { pipelines?: StagePipelines } {
  if (!values?.length) return {};
  const pipelines: StagePipelines = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    const stage = (eq < 0 ? v : v.slice(0, eq)).trim();
    if (eq < 0) throw new UsageError(`--pipeline '${v}': expected STAGE=PIPELINE (stages: ${STAGES.join(', ')})`);
    if (!(STAGES as readonly string[]).includes(stage)) throw new UsageError(`--pipeline: unknown stage '${stage}' (stages: ${STAGES.join(', ')})`);
    if (stage in pipelines) throw new UsageError(`--pipeline: stage '${stage}' is given twice`);
    const text = v.slice(eq + 1);
    try {
      parsePipeline(text);
    } catch (e) {
      throw new UsageError(`--pipeline ${stage}: ${(e as Error).message}`);
    }
    pipelines[stage as Stage] = text;
  }
  return { pipelines };
}

/** Refuses (as a usage error) a given pipeline that names a pass no registered plugin provides. */
export function checkPipelinePasses(pipelines: StagePipelines | undefined, registry: Registry): void {
  for (const [stage, text] of Object.entries(pipelines ?? {})) {
    for (const e of parsePipeline(text!)) {
      if (!registry.get('passes', e.name)) {
        const known = registry.list('passes').map((p) => p.name).sort();
        throw new UsageError(`--pipeline ${stage}: unknown pass '${e.name}' (registered: ${known.join(', ')})`);
      }
    }
  }
}
