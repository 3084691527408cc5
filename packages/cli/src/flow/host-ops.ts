import { isHardwareLayer } from '@scanflow/hls-backend';
import { forEachGraph, type Model, type Node, OpLookup, type Registry } from '@scanflow/ir';

/** A node of the hardware-stage model that runs on the host. */
export interface HostOp {
  node: string;
  opType: string;
  /** Compute that belongs in the accelerator (a recurrence, a matrix product, a convolution) — an error unless allowed. */
  compute: boolean;
  why: string;
}

// a recurrence: a loop over a body (the subgraph interface's loop binding: Scan), or an op that must be
// lowered (the ONNX RNN family, QuantLSTMCell); a product: the contraction trait (MatMul, Gemm, Conv ...)
function classify(model: Model, ops: OpLookup, n: Node): Pick<HostOp, 'compute' | 'why'> {
  const traits = ops.traits(n);
  if (traits.needsLowering || traits.subgraphs?.loop?.(n) !== undefined) return { compute: true, why: 'a recurrence left on the host (its body did not become hardware layers)' };
  if (traits.contraction) {
    const g = model.graph;
    const raw = n.inputs.find((i) => i && g.inputs.some((x) => x.name === i) && !g.initializers.has(i));
    if (raw) return { compute: true, why: `a matrix product left on the host: it reads the model input '${raw}' raw — a float with no quantiser, and no state grid the flow could derive for it` };
    return { compute: true, why: 'a matrix product / convolution left on the host (its operands are not integers)' };
  }
  if (traits.quantizer) return { compute: false, why: 'quantiser at the host boundary (float to integer)' };
  if (traits.elementwise && (traits.scaleCommuting === 'linear' || traits.scaleCommuting === 'join')) return { compute: false, why: 'scale / offset at the host boundary (integer to float)' };
  return { compute: false, why: 'data movement or pre/post-processing on the host' };
}

/** Every node of the model's main graph that is not a hardware layer, classified (nested ones count through their top-level node). */
export function hostOps(model: Model, registry: Registry): HostOp[] {
  const ops = new OpLookup(registry, model);
  return model.graph.nodes.filter((n) => !isHardwareLayer(registry, n)).map((n) => ({ node: n.name || n.outputs[0] || '', opType: n.opType, ...classify(model, ops, n) }));
}

/** Number of hardware layers anywhere in the model (Recurrence bodies included): Recurrences and registered layers. */
export function countHardwareLayers(model: Model, registry: Registry): number {
  let k = 0;
  forEachGraph(model.graph, (g) => {
    k += g.nodes.filter((n) => isHardwareLayer(registry, n)).length;
  });
  return k;
}
