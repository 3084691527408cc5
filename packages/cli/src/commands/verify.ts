import type { Model, Tensor } from '@scanflow/ir';
import { createConstantEvaluator, Simulator } from '@scanflow/sim';
import { runStages, type PassRecord, type Stage } from '@scanflow/transforms';
import { zcu104 } from '@scanflow/board-zcu';
import { hasCppCompiler, HlsCodegenError, type HlsProject, runCsim } from '@scanflow/hls-backend';
import { EnvironmentError, UsageError } from '../cli-error';
import { acceleratorProject } from '../hardware/accelerator-vectors';
import { hasHardwareLayers } from '../hardware/hardware-flow';
import type { CliIO } from '../io';
import { elementLimit, loadCheckedModel, type LoadOptions } from '../load-model';
import { readInputFolder } from './run';
import { compareOutputs, type OutputComparison } from '../verify/compare-outputs';
import { fullRegistry } from '../verify/full-registry';
import { parseDims, randomInputs } from '../verify/random-inputs';

export interface VerifyOptions extends LoadOptions {
  inputs?: string;
  seed: number;
  dim: string[];
  rtol: number;
  atol: number;
  json: boolean;
  /** Also generate the HLS project of the hardware stage and run its g++ C-simulation (default true). */
  csim?: boolean;
}

export interface StageReport {
  stage: string;
  passes: number;
  nodes: number;
  /** Against the previous stage (the original model for the first). */
  vsPrevious: OutputComparison;
  /** Against the original model. */
  vsOriginal: OutputComparison;
  /** When this stage diverged: the first of its passes after which results changed. */
  firstDivergentPass?: string;
}

export interface VerifyReport {
  model: string;
  inputs: string;
  stages: StageReport[];
  firstDivergence?: { stage: string; pass?: string; detail?: string };
  /** The g++ C-simulation of the generated HLS C++ against the simulated hardware stage. */
  csim?: { kind: 'SIMULATION'; passed: boolean; checked: number; mismatches: number; first?: string } | { skipped: string };
}

function countNodes(model: Model): number {
  let n = 0;
  const walk = (g: Model['graph']): void => {
    for (const node of g.nodes) {
      n++;
      for (const a of node.attributes.values()) if (a.type === 'graph') walk(a.value);
    }
  };
  walk(model.graph);
  return n;
}

function describe(c: OutputComparison): string {
  if (c.exact) return 'bit-exact';
  if (c.withinTolerance) return `within tolerance (max |Δ| ${c.maxAbsDiff.toExponential(2)}, ${c.differing}/${c.total} elements differ)`;
  return `DIFFERS (${c.differing}/${c.total} elements, max |Δ| ${c.maxAbsDiff.toExponential(2)}; first: ${c.first})`;
}

/**
 * `scanflow verify MODEL`: runs the flow's stages, simulates every stage on the same inputs and
 * reports how each agrees with the one before and with the original; names the first stage and
 * pass whose results differ beyond the tolerance. Returns the exit code (1 on a divergence).
 */
export function verifyCommand(modelPath: string, options: VerifyOptions, io: CliIO): number {
  if (!(options.rtol >= 0) || !(options.atol >= 0)) throw new UsageError('--rtol and --atol take non-negative numbers');
  const dims = parseDims(options.dim);
  const registry = fullRegistry();
  const evaluate = createConstantEvaluator(registry, elementLimit(options));
  const model = loadCheckedModel(modelPath, registry, options);
  const reference = new Simulator(model, { registry, ...elementLimit(options) });
  let inputs: Tensor[];
  let inputsText: string;
  if (options.inputs) {
    inputs = readInputFolder(options.inputs, options);
    inputsText = options.inputs;
  } else {
    inputs = randomInputs(model.graph, options.seed, dims);
    inputsText = `random (seed ${options.seed}): ${inputs.map((t, k) => `${reference.inputNames[k]} [${t.dims.join(', ')}]`).join(', ')}`;
  }
  const names = reference.outputNames;
  const original = reference.run(inputs).outputs;
  const simulate = (m: Model): Tensor[] => new Simulator(m, { registry, checkDataTypes: true, ...elementLimit(options) }).run(inputs).outputs;

  const snapshots = runStages(model, { registry, evaluate });
  const report: VerifyReport = { model: modelPath, inputs: inputsText, stages: [] };
  let previous = original;
  let previousModel = model;
  for (const snap of snapshots) {
    const outs = simulate(snap.model);
    const stage: StageReport = {
      stage: snap.stage,
      passes: snap.records.length,
      nodes: countNodes(snap.model),
      vsPrevious: compareOutputs(outs, previous, names, options.rtol, options.atol),
      vsOriginal: compareOutputs(outs, original, names, options.rtol, options.atol),
    };
    if (!stage.vsPrevious.withinTolerance && !report.firstDivergence) {
      // Re-run this stage pass by pass with the simulator as verifier to name the pass.
      const verify = (before: Model, after: Model) => {
        const c = compareOutputs(simulate(after), simulate(before), names, options.rtol, options.atol);
        return { ok: c.withinTolerance, ...(c.first ? { detail: c.first } : {}) };
      };
      const rerun = runStages(previousModel, { registry, evaluate, verify, stopOnDivergence: false, upTo: snap.stage as Stage, pipelines: { [snap.stage]: snap.pipeline } });
      const records: PassRecord[] = rerun[rerun.length - 1]?.records ?? [];
      const bad = records.find((r) => r.verification && !r.verification.ok);
      if (bad) stage.firstDivergentPass = bad.path;
      report.firstDivergence = { stage: snap.stage, ...(bad ? { pass: bad.path } : {}), ...(stage.vsPrevious.first ? { detail: stage.vsPrevious.first } : {}) };
    }
    report.stages.push(stage);
    previous = outs;
    previousModel = snap.model;
  }

  const last = snapshots[snapshots.length - 1];
  if (options.csim !== false && last && hasHardwareLayers(last.model)) {
    // A C-simulation that cannot run is a failure, not a silent skip: the user opts out with --no-csim.
    if (!hasCppCompiler()) throw new EnvironmentError('NO_CPP_COMPILER', 'no C++ compiler (g++ or $CXX) found for the C-simulation of the generated HLS C++; install g++ or pass --no-csim');
    else {
      const board = zcu104();
      let project: HlsProject | undefined;
      try {
        project = acceleratorProject(last.model, registry, inputs, { part: board.part, clockNs: board.clockPeriodNs }, elementLimit(options));
      } catch (e) {
        // e.g. a symbolic sequence length: the generated C++ needs static shapes
        if (!(e instanceof HlsCodegenError)) throw e;
        report.csim = { skipped: `no HLS project for this model: ${(e as Error).message}` };
      }
      if (project) {
        const r = runCsim(project);
        const m = r.mismatches[0];
        report.csim = { kind: 'SIMULATION', passed: r.passed, checked: r.checked, mismatches: r.mismatchCount, ...(m ? { first: `${m.port}[${m.index}] got ${m.got}, expected ${m.expected}` } : {}) };
        if (!r.passed && !report.firstDivergence) report.firstDivergence = { stage: 'hls-csim', ...(m ? { detail: report.csim.first } : {}) };
      }
    }
  }

  if (options.json) {
    io.out(JSON.stringify(report, null, 2));
  } else {
    io.out(`verify ${modelPath}`);
    io.out(`inputs: ${inputsText}`);
    io.out(`tolerance: |Δ| ≤ ${options.atol} + ${options.rtol}·|reference| (simulation results, not hardware measurements)`);
    for (const s of report.stages) {
      io.out(`  ${s.stage.padEnd(12)} ${String(s.passes).padStart(3)} passes ${String(s.nodes).padStart(5)} nodes   vs previous: ${describe(s.vsPrevious)}   vs original: ${describe(s.vsOriginal)}`);
    }
    const c = report.csim;
    if (c) io.out('skipped' in c ? `  hls-csim     skipped: ${c.skipped}` : `  hls-csim     g++ C-simulation of the generated HLS C++ vs the hardware stage: ${c.passed ? 'bit-exact' : 'DIFFERS'} (${c.checked} elements, ${c.mismatches} mismatches${c.first ? `; first: ${c.first}` : ''})`);
    const d = report.firstDivergence;
    io.out(d ? `first divergence: stage '${d.stage}'${d.pass ? `, pass '${d.pass}'` : ''}${d.detail ? ` (${d.detail})` : ''}` : 'first divergence: none — every stage agrees with the original');
  }
  return report.firstDivergence ? 1 : 0;
}
