import { cloneModel, type Model, type Precondition, readPreconditions, type Tensor } from '@scanflow/ir';
import { createConstantEvaluator, observeRanges, Simulator } from '@scanflow/sim';
import { runPipeline } from '@scanflow/transforms';
import { findBoard } from '@scanflow/board-zcu';
import { hasCppCompiler, HlsCodegenError } from '@scanflow/hls-backend';
import { EnvironmentError, UsageError } from '../cli-error';
import { csimAgainstReference, type CsimInputs } from '../flow/csim-check';
import { symbolicDims } from '@scanflow/transforms';
import { conditionInputs } from '../flow/condition-inputs';
import { countHardwareLayers, type HostOp, hostOps } from '../flow/host-ops';
import { quantisationError, type QuantisationError } from '../flow/quantisation-error';
import { runFlow } from '../flow/run-flow';
import { type InputChoice, seqLenOf, stageInputs } from '../flow/stage-inputs';
import type { CliIO } from '../io';
import { elementLimit, loadCheckedModel, type LoadOptions } from '../load-model';
import { compareOutputs, type OutputComparison } from '../verify/compare-outputs';
import { parseDims } from '../verify/random-inputs';
import type { CommandContext } from '../compose/command-context';
import { fullRegistry } from '../verify/full-registry';
import { quietProgress } from '../progress';

export interface VerifyOptions extends InputChoice, LoadOptions, CommandContext {
  /** --board: the board whose part and clock the C-simulation's project targets. */
  board?: string;
  rtol: number;
  atol: number;
  json: boolean;
  /** Also generate the HLS project of the hardware stage and run its g++ C-simulation (default true). */
  csim?: boolean;
  /** `--cell-quant SPEC`: quantise a float LSTM cell (the cell-quant stage). */
  cellQuant?: string;
  /** Accept a hardware stage that leaves recurrences or matrix products on the host. */
  allowHostOps?: boolean;
}

export interface StageReport {
  stage: string;
  passes: number;
  nodes: number;
  /** 'check': must compute what the stage before computes; 'quantisation': changes results on purpose (cell-quant). */
  kind: 'check' | 'quantisation';
  /** Against the previous stage (the original model for the first). */
  vsPrevious: OutputComparison;
  /** Against the reference: the original model, or the cell-quantised model for the stages after cell-quant. */
  vsReference: OutputComparison;
  /** For the quantisation stage: its error against the float model. */
  quantisation?: QuantisationError;
  /** When this stage diverged: the first of its passes after which results changed. */
  firstDivergentPass?: string;
}

export interface VerifyReport {
  model: string;
  inputs: string;
  /** The preconditions the flow stated, and whether the given inputs met them. */
  preconditions: { precondition: Precondition; input?: string; alreadyMet?: boolean; checkable: boolean }[];
  /** How far the original model's results move when its inputs are moved onto the precondition grids. */
  boundary?: OutputComparison;
  reference: 'original' | 'cell-quant';
  stages: StageReport[];
  hostOps: HostOp[];
  firstDivergence?: { stage: string; pass?: string; detail?: string };
  /**
   * The g++ C-simulation of the generated HLS C++: its outputs against the simulated hardware stage
   * (accelerator ports), and the model's outputs with the host part completed around them against
   * the reference — per test case (two run-time sequence lengths when the model leaves it open).
   */
  csim?: { kind: 'SIMULATION'; passed: boolean; checked: number; mismatches: number; first?: string; cases: { seqLen?: number; vsReference: OutputComparison }[] } | { skipped: string };
  /** Why verify failed besides a divergence (host ops, unmet preconditions it cannot check). */
  problems: string[];
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

function describeGrid(p: Precondition): string {
  const s = p.scale.length === 1 ? String(p.scale[0]) : `per channel (${p.scale.length} scales, axis ${p.axis ?? 0})`;
  return `'${p.value}' on the grid n × ${s}, n in [${p.lo}, ${p.hi}]`;
}

/**
 * `scanflow verify MODEL`: runs the flow's stages and simulates every stage on the same inputs —
 * moved onto the grids the flow's named preconditions state (e.g. initial states on the state
 * grid), so each stage must compute exactly what the reference computes: the original model, or,
 * after a cell-quant stage, the cell-quantised model. Reports separately how far the original's
 * results move when the raw inputs are moved onto those grids, the quantisation error of a
 * cell-quant stage against the float model, what stays on the host, and the g++ C-simulation.
 * Returns the exit code: 0 when every check holds, 1 otherwise.
 */
export function verifyCommand(modelPath: string, options: VerifyOptions, io: CliIO): number {
  if (!(options.rtol >= 0) || !(options.atol >= 0)) throw new UsageError('--rtol and --atol take non-negative numbers');
  parseDims(options.dim ?? []); // flag errors before the model is read
  const registry = options.registry ?? fullRegistry();
  const evaluate = createConstantEvaluator(registry, elementLimit(options));
  const model = loadCheckedModel(modelPath, registry, options);
  const raw = stageInputs(model, options);
  const progress = options.progress ?? quietProgress;
  const snapshots = progress.step('stages', (doing) => runFlow(model, registry, { onPass: doing,  ...(options.cellQuant !== undefined ? { cellQuant: options.cellQuant } : {}), calibration: [raw.tensors], ...(options.maxElements !== undefined ? { maxElements: options.maxElements } : {}), ...(options.pipelines ? { pipelines: options.pipelines } : {}) }));
  const last = snapshots[snapshots.length - 1]!;
  const preconditions = readPreconditions(last.model);
  const cond = conditionInputs(model, raw.tensors, preconditions);
  const inputs = cond.tensors;

  const reference = new Simulator(model, { registry, ...elementLimit(options) });
  const names = reference.outputNames;
  const original = reference.run(inputs).outputs;
  const simulate = (m: Model, ins: readonly Tensor[] = inputs): Tensor[] => new Simulator(m, { registry, checkDataTypes: true, ...elementLimit(options) }).run(ins).outputs;

  const report: VerifyReport = {
    model: modelPath,
    inputs: raw.description,
    preconditions: [
      ...cond.applied.map((a) => ({ precondition: a.precondition, input: a.input, alreadyMet: a.alreadyMet, checkable: true })),
      ...cond.inner.map((p) => ({ precondition: p, checkable: false })),
    ],
    reference: 'original',
    stages: [],
    hostOps: [],
    problems: [],
  };
  if (cond.applied.some((a) => !a.alreadyMet)) {
    const rawOut = reference.run(raw.tensors).outputs;
    report.boundary = compareOutputs(rawOut, original, names, options.rtol, options.atol);
  }
  for (const p of cond.inner) report.problems.push(`precondition on the inner value '${p.value}' cannot be met by choosing inputs: ${p.description}`);

  let previous = original;
  let ref = original;
  let previousModel = model;
  for (const snap of snapshots) {
    const outs = simulate(snap.model);
    const quantising = snap.stage === 'cell-quant';
    const stage: StageReport = {
      stage: snap.stage,
      passes: snap.records.length,
      nodes: countNodes(snap.model),
      kind: quantising ? 'quantisation' : 'check',
      vsPrevious: compareOutputs(outs, previous, names, options.rtol, options.atol),
      vsReference: compareOutputs(outs, ref, names, options.rtol, options.atol),
    };
    if (quantising) {
      stage.quantisation = quantisationError(outs, previous, names);
      ref = outs;
      report.reference = 'cell-quant';
      stage.vsReference = compareOutputs(outs, ref, names, options.rtol, options.atol);
    } else if ((!stage.vsPrevious.withinTolerance || !stage.vsReference.withinTolerance) && !report.firstDivergence) {
      // re-run only this stage, pass by pass, with the simulator as verifier to name the pass
      const verify = (before: Model, after: Model) => {
        const c = compareOutputs(simulate(after), simulate(before), names, options.rtol, options.atol);
        return { ok: c.withinTolerance, ...(c.first ? { detail: c.first } : {}) };
      };
      const rerun = runPipeline(cloneModel(previousModel), snap.pipeline, {
        registry,
        evaluate,
        calibrate: (m, values) => observeRanges(m, registry, [raw.tensors], values),
        verify,
        stopOnDivergence: false,
      });
      const bad = rerun.records.find((r) => r.verification && !r.verification.ok);
      if (bad) stage.firstDivergentPass = bad.path;
      const detail = stage.vsPrevious.first ?? stage.vsReference.first;
      report.firstDivergence = { stage: snap.stage, ...(bad ? { pass: bad.path } : {}), ...(detail ? { detail } : {}) };
    }
    report.stages.push(stage);
    previous = outs;
    previousModel = snap.model;
  }

  const hardwareStage = last.stage === 'hardware';
  const open = symbolicDims(last.model).length > 0;
  if (hardwareStage) {
    report.hostOps = hostOps(last.model, registry);
    const stays = report.hostOps.filter((h) => h.compute);
    if (stays.length && !options.allowHostOps) {
      report.problems.push(`${stays.length} op(s) of the model's compute stay on the host (${stays.map((h) => `${h.opType} '${h.node}'`).join(', ')}); pass --allow-host-ops to accept a partial accelerator`);
    }
    if (countHardwareLayers(last.model, registry) === 0 && !options.allowHostOps) report.problems.push('the hardware stage holds no hardware layer (pass --allow-host-ops to check the stages of a model that stays on the host)');
  }

  if (options.csim !== false && hardwareStage && countHardwareLayers(last.model, registry) > 0) {
    // A C-simulation that cannot run is a failure, not a silent skip: the user opts out with --no-csim.
    if (!hasCppCompiler()) throw new EnvironmentError('NO_CPP_COMPILER', 'no C++ compiler (g++ or $CXX) found for the C-simulation of the generated HLS C++; install g++ or pass --no-csim');
    else {
      const board = findBoard(registry, options.board ?? 'zcu104');
      // a second run-time sequence length when the model leaves it open
      const sets: CsimInputs[] = [{ inputs, ...(open ? { seqLen: seqLenOf(model, inputs) } : {}) }];
      if (open && !options.inputs) {
        const t1 = seqLenOf(model, inputs)!;
        const t2 = t1 > 1 ? Math.max(1, Math.floor(t1 / 2)) : 2;
        const other = stageInputs(model, { ...options, seed: options.seed + 1, seqLen: t2, dim: [] });
        sets.push({ inputs: conditionInputs(model, other.tensors, preconditions).tensors, seqLen: t2 });
      }
      try {
        const referenceModel = snapshots.find((x) => x.stage === 'cell-quant')?.model ?? model;
        const c = progress.step('HLS project and g++ C-simulation', () => csimAgainstReference(last.model, referenceModel, registry, { part: board.part, clockNs: board.clockPeriodNs }, sets, options));
        report.csim = { kind: 'SIMULATION', passed: c.passed, checked: c.cases[0]?.checked ?? 0, mismatches: c.cases[0]?.mismatches ?? 0, ...(c.first ? { first: c.first } : {}), cases: c.cases.map((k) => ({ ...(k.seqLen !== undefined ? { seqLen: k.seqLen } : {}), vsReference: k.vsReference })) };
        if (!c.passed && !report.firstDivergence) report.firstDivergence = { stage: 'hls-csim', detail: c.first ?? c.cases.find((k) => !k.vsReference.withinTolerance)?.vsReference.first ?? 'the C-simulation failed' };
      } catch (e) {
        if (!(e instanceof HlsCodegenError)) throw e;
        report.csim = { skipped: `no HLS project for this model: ${(e as Error).message}` };
        report.problems.push(`no HLS project could be generated: ${(e as Error).message}`);
      }
    }
  }

  if (options.json) io.out(JSON.stringify(report, null, 2));
  else printReport(report, options, io);
  const d = report.firstDivergence;
  if (!d && !report.problems.length) return 0;
  // the verdict in one line on stderr (the report above, or the JSON, has the details)
  const why = d ? `stage '${d.stage}'${d.pass ? `, pass '${d.pass}'` : ''} diverges${d.detail ? ` (${d.detail})` : ''}` : report.problems[0]!;
  const more = (d ? 1 : 0) + report.problems.length - 1;
  io.err(`scanflow: model error [VERIFY_FAILED]: ${why}${more > 0 ? ` (and ${more} more problem(s) in the report)` : ''}`);
  return 1;
}

function printReport(report: VerifyReport, options: VerifyOptions, io: CliIO): void {
  io.out(`verify ${report.model}`);
  io.out(`inputs: ${report.inputs}`);
  if (report.preconditions.length) {
    io.out('preconditions (assumptions the hardware makes; every stage is checked on inputs that meet them):');
    for (const p of report.preconditions) {
      const state = !p.checkable ? 'cannot be met by choosing inputs' : p.alreadyMet ? 'met by the inputs' : 'the inputs were moved onto the grid for the checks';
      io.out(`  ${describeGrid(p.precondition)} — ${p.precondition.description} [${p.precondition.pass}; ${state}]`);
    }
    if (report.boundary) {
      io.out(`  boundary quantisation (informational): the original model on the raw inputs vs on the inputs moved onto the grids: ${report.boundary.exact ? 'no change' : `${report.boundary.differing}/${report.boundary.total} output elements move, max |Δ| ${report.boundary.maxAbsDiff.toExponential(2)}`}`);
    }
  } else {
    io.out('preconditions: none (the flow assumes nothing about the inputs)');
  }
  io.out(`tolerance: |Δ| ≤ ${options.atol} + ${options.rtol}·|reference| (simulation results, not hardware measurements)`);
  for (const s of report.stages) {
    const head = `  ${s.stage.padEnd(12)} ${String(s.passes).padStart(3)} passes ${String(s.nodes).padStart(5)} nodes`;
    if (s.kind === 'quantisation' && s.quantisation) {
      const q = s.quantisation;
      const am = q.argmax.map((a) => `arg-max of '${a.output}' agrees on ${(100 * a.agreement).toFixed(1)} % of ${a.rows} row(s)`).join(', ');
      io.out(`${head}   QUANTISATION STAGE (results change on purpose) vs the float model: max |Δ| ${q.maxAbs.toExponential(2)}, mean |Δ| ${q.meanAbs.toExponential(2)} over ${q.elements} elements${am ? `; ${am}` : ''}; later stages are checked against it`);
      continue;
    }
    const refName = report.reference === 'cell-quant' && report.stages.some((x, k) => x.kind === 'quantisation' && k < report.stages.indexOf(s)) ? 'vs cell-quant' : 'vs original';
    io.out(`${head}   vs previous: ${describe(s.vsPrevious)}   ${refName}: ${describe(s.vsReference)}`);
  }
  const c = report.csim;
  if (c && 'skipped' in c) io.out(`  hls-csim     skipped: ${c.skipped}`);
  else if (c) {
    io.out(`  hls-csim     g++ C-simulation of the generated HLS C++: accelerator ports vs the hardware stage ${c.mismatches === 0 && c.checked > 0 ? 'bit-exact' : 'DIFFER'} (${c.checked} elements, ${c.mismatches} mismatches${c.first ? `; first: ${c.first}` : ''})`);
    for (const k of c.cases) io.out(`               completed by the host part${k.seqLen !== undefined ? ` at sequence length ${k.seqLen}` : ''}, vs the ${report.reference === 'cell-quant' ? 'cell-quantised model' : 'original model'}: ${describe(k.vsReference)}`);
  }
  const host = report.hostOps.filter((h) => h.compute);
  if (host.length) io.out(`host: ${host.map((h) => `${h.opType} '${h.node}' (${h.why})`).join('; ')}`);
  for (const p of report.problems) io.out(`problem: ${p}`);
  const d = report.firstDivergence;
  io.out(d ? `first divergence: stage '${d.stage}'${d.pass ? `, pass '${d.pass}'` : ''}${d.detail ? ` (${d.detail})` : ''}` : `first divergence: none — every stage agrees with the ${report.reference === 'cell-quant' ? 'cell-quantised model' : 'original'}${report.preconditions.length ? ' on inputs meeting the preconditions' : ''}`);
}
