import { cloneModel, inferTypes, type Model, type Registry, tensorType } from '@scanflow/ir';
import { builtinHwRegistry } from '../hw-layer';
import { partitionAccelerator } from './partition';

/**
 * The host part of a hardware-stage model: the model without its accelerator (the hardware layers
 * and the Reshapes between them), whose outputs become inputs of the model instead. Fed with the
 * model's own inputs and what the accelerator computed (e.g. by the g++ C-simulation), it computes
 * the model's outputs as the whole system does: the host pre-processing (input quantisers), the
 * accelerator, the host post-processing (output scales).
 */
export function hostCompletionModel(model: Model, registry: Registry = builtinHwRegistry()): { model: Model; acceleratorOutputs: readonly string[] } {
  const typed = cloneModel(model);
  inferTypes(typed, registry);
  const partition = partitionAccelerator(typed, registry);
  const g = typed.graph;
  const accel = new Set(partition.nodes);
  g.nodes = g.nodes.filter((n) => !accel.has(n));
  for (const v of partition.outputs) {
    const t = g.typeOf(v);
    g.inputs.push({ name: v, type: t ? { ...t } : tensorType('float32', undefined) });
    g.valueInfo.delete(v);
  }
  return { model: typed, acceleratorOutputs: partition.outputs };
}
