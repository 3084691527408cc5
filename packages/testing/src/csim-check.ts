import { findBoard } from '@scanflow/board-zcu';
import { generateHlsProject, type HlsProject, runCsim, type TestCase } from '@scanflow/hls-backend';
import type { Model, Registry, Tensor } from '@scanflow/ir';
import { Simulator } from '@scanflow/sim';

/** What the g++ C-simulation of a hardware-stage model said (a SIMULATION, not a measurement). */
export interface CsimOutcome {
  ok: boolean;
  /** `N output elements, M mismatches` and the first mismatch the testbench printed. */
  detail: string;
}

/** The values at the accelerator's ports for one run of the hardware-stage model on the simulator. */
function portValues(hardware: Model, registry: Registry, inputs: readonly Tensor[], project: HlsProject): TestCase {
  const sim = new Simulator(hardware, { registry, checkDataTypes: true });
  const values = sim.run(inputs, { trace: true }).trace!.topLevel();
  sim.inputNames.forEach((n, k) => values.set(n, inputs[k]!));
  for (const [k, t] of hardware.graph.initializers) if (!values.has(k)) values.set(k, t);
  const pick = (names: readonly string[]): Map<string, Tensor> => new Map(names.map((n) => [n, values.get(n)!]));
  return { inputs: pick(project.ports.inputs.map((p) => p.value)), outputs: pick(project.ports.outputs.map((p) => p.value)) };
}

/**
 * Generates the HLS project of a hardware-stage model (for `board`, found through the registry) with
 * one test case per input set — the accelerator's port values as the simulator computes them — and
 * runs the testbench's g++ C-simulation: ok when the C++ reproduces every port element bit for bit.
 */
export function csimAgainstSimulator(hardware: Model, registry: Registry, inputSets: readonly (readonly Tensor[])[], board = 'zcu104'): CsimOutcome {
  const b = findBoard(registry, board);
  const options = { board: { part: b.part, clockNs: b.clockPeriodNs }, registry };
  const probe = generateHlsProject(hardware, options);
  // an accelerator with a run-time sequence length runs each case at the model's (static) length
  const seqLen = probe.sequence?.nominal;
  const testCases = inputSets.map((inputs) => ({ ...portValues(hardware, registry, inputs, probe), ...(seqLen !== undefined ? { seqLen } : {}) }));
  const r = runCsim(generateHlsProject(hardware, { ...options, testCases }));
  const first = r.mismatches[0];
  const detail = `${r.checked} output elements, ${r.mismatchCount} mismatch(es)${first ? `; first: ${JSON.stringify(first)}` : ''}${r.passed || r.checked ? '' : `; testbench exit code ${r.exitCode}`}`;
  return { ok: r.passed && r.mismatchCount === 0 && r.checked > 0, detail };
}
