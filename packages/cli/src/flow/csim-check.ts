import { type BoardOptions, generateHlsProject, type HlsProject, hostCompletionModel, runCsim, type TestCase, withTestCases } from '@scanflow/hls-backend';
import { type Model, type Registry, Tensor } from '@scanflow/ir';
import { Simulator } from '@scanflow/sim';
import { bindSymbolicDims, symbolicDims } from '@scanflow/transforms';
import { compareOutputs, type OutputComparison } from './compare-outputs';

/** One run of the g++ C-simulation, checked against the reference model. SIMULATION results. */
export interface CsimCase {
  /** The run-time sequence length of this case (when the accelerator has one). */
  seqLen?: number;
  /** Output elements of the accelerator the testbench compared with the simulated hardware stage. */
  checked: number;
  mismatches: number;
  /** The model's outputs with the accelerator's part computed by the C++ (host part simulated), vs the reference. */
  vsReference: OutputComparison;
}

export interface CsimCheck {
  kind: 'SIMULATION';
  passed: boolean;
  cases: CsimCase[];
  /** First accelerator-level mismatch the testbench printed. */
  first?: string;
  project: HlsProject;
}

/** One test input set (model inputs, already meeting the preconditions) and the sequence length it has. */
export interface CsimInputs {
  inputs: readonly Tensor[];
  seqLen?: number;
}

/** The values at the accelerator's ports for one run of a (bound) hardware-stage model. */
function portValues(hardware: Model, registry: Registry, inputs: readonly Tensor[], project: HlsProject): { inputs: Map<string, Tensor>; outputs: Map<string, Tensor> } {
  const sim = new Simulator(hardware, { registry, checkDataTypes: true });
  const result = sim.run(inputs, { trace: true });
  const values = result.trace!.topLevel();
  sim.inputNames.forEach((n, k) => values.set(n, inputs[k]!));
  for (const [k, t] of hardware.graph.initializers) if (!values.has(k)) values.set(k, t);
  const pick = (names: readonly string[]): Map<string, Tensor> => new Map(names.map((n) => [n, values.get(n)!]));
  return { inputs: pick(project.ports.inputs.map((p) => p.value)), outputs: pick(project.ports.outputs.map((p) => p.value)) };
}

/**
 * Generates the HLS project of a hardware-stage model once, adds one test case per input set (each
 * at its own run-time sequence length when the model leaves it open; the project's ports say which
 * simulated values they hold), runs the g++ C-simulation on the very files returned, and
 * completes every case on the host: the model's host part (input quantisers, output scales)
 * simulated around the accelerator outputs the C++ computed. Those final outputs are compared with
 * the reference model's (the original, or the cell-quantised model) on the same inputs — so the
 * check covers the whole flow, not the hardware stage against itself.
 */
export function csimAgainstReference(hardwareStage: Model, reference: Model, registry: Registry, board: BoardOptions, sets: readonly CsimInputs[], tolerance: { rtol: number; atol: number }, options: { cosim?: boolean; run?: boolean } = {}): CsimCheck {
  const open = symbolicDims(hardwareStage).length > 0;
  const bound = sets.map((s) => (open && s.seqLen !== undefined ? bindSymbolicDims(hardwareStage, registry, s.seqLen) : hardwareStage));
  // the project is sized for the longest case (reverse-direction buffers)
  const longest = sets.reduce((best, s, k) => ((s.seqLen ?? 0) > (sets[best]!.seqLen ?? 0) ? k : best), 0);
  // generated once: its ports say which values the testbench's cases hold
  const bare = generateHlsProject(bound[longest]!, { board, registry, ...(options.cosim ? { cosim: true } : {}) });
  const cases: TestCase[] = sets.map((s, k) => {
    const v = portValues(bound[k]!, registry, s.inputs, bare);
    const seqLen = bare.sequence ? (s.seqLen ?? bare.sequence.nominal) : undefined;
    return { ...(seqLen !== undefined ? { seqLen } : {}), inputs: v.inputs, outputs: v.outputs };
  });
  const project = withTestCases(bare, cases);
  if (options.run === false) return { kind: 'SIMULATION', passed: false, cases: [], project };
  const r = runCsim(project);
  const ref = new Simulator(reference, { registry });
  const names = ref.outputNames;
  const out: CsimCase[] = sets.map((s, k) => {
    const host = hostCompletionModel(bound[k]!, registry);
    const feed = new Map<string, Tensor>();
    const sim = new Simulator(host.model, { registry });
    const modelInputs = new Simulator(bound[k]!, { registry }).inputNames;
    modelInputs.forEach((n, j) => feed.set(n, s.inputs[j]!));
    const actual = r.actual?.[k];
    for (const port of project.ports.outputs) {
      const got = actual?.ports.get(port.name);
      const shape = bound[k]!.graph.typeOf(port.value);
      const dims = shape?.kind === 'tensor' && shape.shape ? (shape.shape as number[]) : [got?.length ?? 0];
      feed.set(port.value, Tensor.float32(dims, (got ?? []).map(Number)));
    }
    let vsReference: OutputComparison;
    if (!actual) vsReference = { exact: false, withinTolerance: false, maxAbsDiff: Infinity, differing: 0, total: 0, first: 'the C-simulation wrote no outputs' };
    else {
      const completed = sim.run(new Map([...feed].filter(([n]) => sim.inputNames.includes(n)))).outputs;
      vsReference = compareOutputs(completed, ref.run(s.inputs).outputs, names, tolerance.rtol, tolerance.atol);
    }
    return { ...(cases[k]!.seqLen !== undefined ? { seqLen: cases[k]!.seqLen } : {}), checked: 0, mismatches: 0, vsReference };
  });
  // the testbench counts over all cases; report them on the first
  if (out[0]) {
    out[0].checked = r.checked;
    out[0].mismatches = r.mismatchCount;
  }
  const m = r.mismatches[0];
  return {
    kind: 'SIMULATION',
    passed: r.passed && out.every((c) => c.vsReference.withinTolerance),
    cases: out,
    ...(m ? { first: `${m.port}[${m.index}] got ${m.got}, expected ${m.expected}` } : {}),
    project,
  };
}
