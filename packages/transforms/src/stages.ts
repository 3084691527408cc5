import { cloneModel, type Model, type Registry } from '@scanflow/ir';
import { type PassDefinition, type PassPlacement, STAGES, type Stage } from './pass';
import { type PassRecord, runPipeline, type RunPipelineOptions } from './pass-manager';
import { type OrderedStep, orderSteps } from './pipeline/order-steps';
import { formatPipeline } from './pipeline/parse-pipeline';

function placementsOf(pass: PassDefinition): readonly PassPlacement[] {
  const p = pass.placement;
  return p === undefined ? [] : Array.isArray(p) ? p : [p as PassPlacement];
}

function origin(registry: Registry, pass: PassDefinition): string {
  const plugin = registry.ownerOf('passes', pass.name);
  return plugin ? `pass '${pass.name}' of ${plugin.name}` : `pass '${pass.name}'`;
}

/**
 * The pipeline of each stage, as text, assembled from the registered passes' placements: each
 * stage's steps in the order their `order` / `before` / `after` say (ties: registration order).
 * A stage no pass is placed in has no pipeline (the `cell-quant` stage runs only when given one).
 * Throws a PipelineOrderError naming the passes when the constraints cannot be met.
 */
export function stagePipelines(registry: Registry): Partial<Record<Stage, string>> {
  const byStage = new Map<Stage, (OrderedStep & { pass: string; options: PassPlacement['options'] })[]>();
  for (const pass of registry.list('passes')) {
    for (const p of placementsOf(pass)) {
      let list = byStage.get(p.stage);
      if (!list) byStage.set(p.stage, (list = []));
      list.push({
        name: p.step ?? pass.name,
        from: origin(registry, pass),
        pass: pass.name,
        options: p.options,
        ...(p.order ? { order: p.order } : {}),
        ...(p.before ? { before: p.before } : {}),
        ...(p.after ? { after: p.after } : {}),
      });
    }
  }
  const out: Partial<Record<Stage, string>> = {};
  for (const stage of STAGES) {
    const steps = byStage.get(stage);
    if (!steps) continue;
    out[stage] = formatPipeline(orderSteps(steps, `the '${stage}' stage pipeline`).map((s) => ({ name: s.pass, options: { ...(s.options ?? {}) } })));
  }
  return out;
}

/**
 * The passes a fixpoint pass (e.g. `streamline`) repeats, in order: every registered pass whose
 * `fixpoint.of` names it, ordered by `order` / `before` / `after` (ties: registration order).
 */
export function fixpointMembers(registry: Registry, of: string): string[] {
  const steps: OrderedStep[] = [];
  for (const pass of registry.list('passes')) {
    const m = pass.fixpoint;
    if (!m || m.of !== of) continue;
    steps.push({ name: pass.name, from: origin(registry, pass), ...(m.order ? { order: m.order } : {}), ...(m.before ? { before: m.before } : {}), ...(m.after ? { after: m.after } : {}) });
  }
  return orderSteps(steps, `the '${of}' fixpoint`).map((s) => s.name);
}

export interface StageSnapshot {
  stage: Stage;
  pipeline: string;
  /** The model as this stage left it (a copy: later stages do not change it). */
  model: Model;
  records: PassRecord[];
}

/**
 * Runs the stage pipelines in order on a copy of `model`, keeping a snapshot after each stage, up
 * to and including `upTo` (default: every stage that has a pipeline). The pipelines are the ones the
 * registered passes' placements make (`stagePipelines`), with `pipelines` replacing any stage's.
 */
export function runStages(model: Model, options: RunPipelineOptions & { upTo?: Stage; pipelines?: Partial<Record<Stage, string>> }): StageSnapshot[] {
  const pipelines = { ...stagePipelines(options.registry), ...(options.pipelines ?? {}) };
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

/**
 * The `cell-quant` stage's pipeline for a spec (see parseCellQuantSpec): every registered pass of
 * the `cell-quant` stage that takes a `spec` option — the core's insert-cell-quantizers for LSTM
 * cells, and any a plugin registers for its own cells — in registration order, each given the spec,
 * then cleanup and infer-datatypes. Without a registry: the core's quantiser alone.
 */
export function cellQuantPipeline(spec: string, registry?: Registry): string {
  const quantisers = registry ? registry.list('passes').filter((p) => p.stage === 'cell-quant' && p.options?.spec !== undefined).map((p) => p.name) : ['insert-cell-quantizers'];
  return `${quantisers.map((name) => `${name}{spec=${spec}}`).join(',')},cleanup,infer-datatypes`;
}
