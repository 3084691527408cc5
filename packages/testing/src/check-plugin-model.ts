import { cloneModel, type Model, type Plugin, type Registry, type Tensor } from '@scanflow/ir';
import { createConstantEvaluator, observeRanges, Simulator } from '@scanflow/sim';
import { bindSymbolicDims, cellQuantPipeline, formatCellQuantSpec, parseCellQuantSpec, type RunPipelineOptions, runPipeline, runStages, type Stage, type StageSnapshot } from '@scanflow/transforms';
import { type CsimOutcome, csimAgainstSimulator } from './csim-check';
import { firstDifference, type Tolerance } from './first-difference';
import { pluginRegistry } from './registry';
import { seededInputs } from './seeded-inputs';

/** One model a plugin must carry through the flow. */
export interface PluginModelCase {
  /** The test's name. */
  name: string;
  /** The model, or a function that builds it. */
  model: Model | (() => Model);
  /** Input sets, each in graph-input order (default: one seeded set; the model's inputs must then have static shapes). */
  inputs?: readonly (readonly Tensor[])[];
  /** Sizes of symbolic dimensions (e.g. `{ T: 6 }`), bound before anything runs. */
  dims?: Readonly<Record<string, number>>;
  /** A `--cell-quant` spec (e.g. `'w8a6'`) for a float cell: runs the cell-quant stage, calibrated on the inputs. */
  cellQuant?: string;
  /** Also generate the HLS project and run its g++ C-simulation against the simulator. */
  csim?: boolean;
  /** How far stage results may be from the reference (default rtol 1e-5, atol 1e-6, as `scanflow verify`). */
  tolerance?: Tolerance;
  /** Stage pipelines replacing the registry's (as `--pipeline STAGE=TEXT`). */
  pipelines?: Partial<Record<Stage, string>>;
}

/** How one stage compares with its reference. */
export interface StageCheck {
  stage: Stage;
  /** The original model, or (after a cell-quant stage) the cell-quantised one; the cell-quant stage itself is a quantisation. */
  reference: 'original model' | 'cell-quantised model' | 'quantisation';
  ok: boolean;
  /** Where the results first differ (stage level), with the input set. */
  detail?: string;
  /** The first pass of the stage after which the simulated results differed. */
  pass?: string;
}

export interface PluginModelReport {
  /** The stages that ran, in order, each checked. */
  stages: StageCheck[];
  /** Why the flow stopped (a pass failed), when it did. */
  error?: string;
  /** The g++ C-simulation, when asked for and the flow reached the hardware stage. */
  csim?: CsimOutcome;
  snapshots: StageSnapshot[];
}

const DEFAULT_TOLERANCE: Tolerance = { rtol: 1e-5, atol: 1e-6 };

function simulate(model: Model, registry: Registry, inputs: readonly Tensor[]): { outputs: Tensor[]; names: readonly string[] } {
  const sim = new Simulator(model, { registry });
  return { outputs: sim.run(inputs).outputs, names: sim.outputNames };
}

/** The first input set on which `model` differs from `reference`, described; undefined when it agrees on all. */
function differs(model: Model, reference: Model, registry: Registry, sets: readonly (readonly Tensor[])[], tol: Tolerance): string | undefined {
  for (let k = 0; k < sets.length; k++) {
    const want = simulate(reference, registry, sets[k]!);
    const got = simulate(model, registry, sets[k]!).outputs;
    const d = firstDifference(got, want.outputs, want.names, tol);
    if (d) return `${d}${sets.length > 1 ? ` (input set ${k})` : ''}`;
  }
  return undefined;
}

/** Re-runs a stage's pipeline from `before` with a verifier after every pass: the first pass whose output differs. */
function firstDivergingPass(before: Model, snap: StageSnapshot, registry: Registry, base: RunPipelineOptions, sets: readonly (readonly Tensor[])[], tol: Tolerance): string | undefined {
  try {
    const { firstDivergence } = runPipeline(cloneModel(before), snap.pipeline, {
      ...base,
      stopOnDivergence: false,
      verify: (a, b) => {
        const d = differs(b, a, registry, sets, tol);
        return d ? { ok: false, detail: d } : { ok: true };
      },
    });
    return firstDivergence?.path;
  } catch {
    return undefined;
  }
}

/**
 * Runs one model through every stage of the flow with a registry of everything built in plus
 * `plugins`, simulates every stage on the same inputs and compares it with the original model (the
 * cell-quantised model after a cell-quant stage), naming the stage, the first pass and the first
 * element where results differ; optionally runs the g++ C-simulation of the hardware stage.
 */
export function checkPluginModel(plugins: readonly Plugin[], c: PluginModelCase): PluginModelReport {
  const registry = pluginRegistry(plugins);
  const tol = c.tolerance ?? DEFAULT_TOLERANCE;
  let model = typeof c.model === 'function' ? c.model() : cloneModel(c.model);
  if (c.dims) model = bindSymbolicDims(model, registry, 1, new Map(Object.entries(c.dims)));
  const sets = c.inputs ?? [seededInputs(model)];
  const base: RunPipelineOptions = {
    registry,
    evaluate: createConstantEvaluator(registry),
    calibrate: (m, values) => observeRanges(m, registry, sets, values),
  };
  const pipelines = { ...(c.cellQuant ? { 'cell-quant': cellQuantPipeline(formatCellQuantSpec(parseCellQuantSpec(c.cellQuant)), registry) } : {}), ...(c.pipelines ?? {}) };
  let snapshots: StageSnapshot[] = [];
  let error: string | undefined;
  try {
    snapshots = runStages(model, { ...base, pipelines });
  } catch (e) {
    error = (e as Error).message;
  }
  const stages: StageCheck[] = [];
  let reference = model;
  let referenceName: StageCheck['reference'] = 'original model';
  let previous = model;
  for (const snap of snapshots) {
    if (snap.stage === 'cell-quant') {
      stages.push({ stage: snap.stage, reference: 'quantisation', ok: true });
      reference = snap.model;
      referenceName = 'cell-quantised model';
    } else {
      const detail = differs(snap.model, reference, registry, sets, tol);
      const check: StageCheck = { stage: snap.stage, reference: referenceName, ok: !detail, ...(detail ? { detail } : {}) };
      if (detail) {
        const pass = firstDivergingPass(previous, snap, registry, base, sets, tol);
        if (pass) check.pass = pass;
      }
      stages.push(check);
    }
    previous = snap.model;
  }
  const report: PluginModelReport = { stages, snapshots, ...(error ? { error } : {}) };
  const hardware = snapshots.find((s) => s.stage === 'hardware');
  if (c.csim && hardware && !error) {
    try {
      report.csim = csimAgainstSimulator(hardware.model, registry, sets);
    } catch (e) {
      report.csim = { ok: false, detail: (e as Error).message };
    }
  }
  return report;
}
