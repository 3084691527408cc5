import { coreOps, createRegistry, type Model, type Tensor } from '@scanflow/ir';
import { coreKernels, Simulator } from '@scanflow/sim';

/**
 * Expected accelerator outputs from @scanflow/sim (bit-accurate hardware-layer kernels, written
 * independently of the C++ library), with datatype checks on every value.
 */
export function simulate(model: Model, inputs: readonly Tensor[]): Tensor[] {
  const sim = new Simulator(model, { registry: createRegistry([coreOps(), coreKernels()]), checkDataTypes: true });
  return sim.run(inputs).outputs;
}
