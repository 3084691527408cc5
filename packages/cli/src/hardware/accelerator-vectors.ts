import { type BoardOptions, generateHlsProject, type HlsProject } from '@scanflow/hls-backend';
import type { Model, Registry, Tensor } from '@scanflow/ir';
import { Simulator } from '@scanflow/sim';

/**
 * The values at the accelerator's ports for one run of the hardware-stage model: simulated with a
 * trace, so the testbench's inputs are what the host part computes (e.g. the quantised input) and
 * its expected outputs are what the hardware layers compute. Simulation results, bit-exact.
 */
export function acceleratorVectors(
  hardware: Model,
  registry: Registry,
  inputs: readonly Tensor[],
  project: HlsProject,
  limits: { maxTensorElements?: number } = {},
): { inputs: Map<string, Tensor>; outputs: Map<string, Tensor> } {
  const sim = new Simulator(hardware, { registry, checkDataTypes: true, ...limits });
  const result = sim.run(inputs, { trace: true });
  const values = result.trace!.topLevel();
  sim.inputNames.forEach((n, k) => values.set(n, inputs[k]));
  for (const [k, t] of hardware.graph.initializers) if (!values.has(k)) values.set(k, t);
  const pick = (names: readonly string[]): Map<string, Tensor> => {
    const m = new Map<string, Tensor>();
    for (const n of names) {
      const t = values.get(n);
      if (!t) throw new Error(`accelerator port value '${n}' was not computed by the simulation`);
      m.set(n, t);
    }
    return m;
  };
  return {
    inputs: pick(project.ports.inputs.map((p) => p.value)),
    outputs: pick(project.ports.outputs.map((p) => p.value)),
  };
}

/**
 * The HLS project of a hardware-stage model with a testbench on `inputs`: the ports are learnt from a
 * first generation, their values simulated, and the project generated again with those vectors
 * (generation is deterministic, so both agree on the ports).
 */
export function acceleratorProject(hardware: Model, registry: Registry, inputs: readonly Tensor[], board: BoardOptions, limits: { maxTensorElements?: number } = {}): HlsProject {
  const probe = generateHlsProject(hardware, { board });
  const v = acceleratorVectors(hardware, registry, inputs, probe, limits);
  return generateHlsProject(hardware, { board, testVectors: { inputs: v.inputs, outputs: v.outputs } });
}
