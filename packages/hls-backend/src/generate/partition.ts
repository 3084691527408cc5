import { type Model, type Node, HW_DOMAIN, normalizeDomain, type Registry, topologicalOrder } from '@scanflow/ir';
import { hwLayerOf, isHardwareLayer, isRecurrence, streamInputs } from '../hw-layer';
import { HlsCodegenError } from '../codegen/errors';

/** The accelerator part of a hardware-stage graph (docs/hardware-layers.md, "Host and accelerator"). */
export interface AcceleratorPartition {
  /** Hardware layers and the Reshapes between them, in topological order. */
  readonly nodes: readonly Node[];
  /** Values the accelerator reads from the host or from graph inputs: graph-input order, then producer order. */
  readonly inputs: readonly string[];
  /** Values the host or the graph outputs read from the accelerator: graph-output order, then consumer order. */
  readonly outputs: readonly string[];
  /** Initializers read as data (not as weights / thresholds / parameters): baked into the accelerator. */
  readonly constants: readonly string[];
}

const isReshape = (n: Node): boolean => normalizeDomain(n.domain) === '' && n.opType === 'Reshape';

/**
 * Indices of the inputs a node reads as streams (the others are parameters baked into the layer):
 * a hardware layer's by its registered definition, a Reshape's input 0, anything else all inputs.
 */
export function dataInputIndices(node: Node, isConstant: (value: string) => boolean, registry: Registry): number[] {
  if (isReshape(node)) return [0];
  const def = isRecurrence(node) ? undefined : hwLayerOf(registry, node);
  if (def) return streamInputs(def, node, isConstant);
  return node.inputs.map((_, i) => i).filter((i) => node.inputs[i] !== '');
}

/**
 * Splits the top graph into host and accelerator: the accelerator is the connected set of
 * `scanflow.hw` nodes plus the Reshapes whose every consumer is in the accelerator (the Reshapes
 * between layers and the ones in front of it). Throws when a host node sits between hardware
 * layers. Hardware layers that form several connected regions are independent pipelines of the
 * one accelerator.
 */
export function partitionAccelerator(model: Model, registry: Registry): AcceleratorPartition {
  const g = model.graph;
  const order = topologicalOrder(g);
  const producer = new Map<string, Node>();
  const consumers = new Map<string, Node[]>();
  for (const node of order) {
    for (const v of node.outputs) if (v) producer.set(v, node);
    for (const v of node.inputs) if (v) consumers.set(v, [...(consumers.get(v) ?? []), node]);
  }
  const graphOutputs = new Set(g.outputs.map((o) => o.name));
  const isHw = (n: Node): boolean => isHardwareLayer(registry, n);
  const accel = new Set<Node>(order.filter(isHw));
  if (accel.size === 0) throw new HlsCodegenError(`graph '${g.name}' has no hardware layers (domain ${HW_DOMAIN}); run the hardware stage first`);
  for (const node of [...order].reverse()) {
    if (!isReshape(node)) continue;
    const out = node.outputs[0]!;
    const cs = consumers.get(out) ?? [];
    if (cs.length > 0 && !graphOutputs.has(out) && cs.every((c) => accel.has(c))) accel.add(node);
  }

  // a host node fed (directly or not) by the accelerator must not feed it again
  const downstream = new Set<Node>();
  for (const node of order) {
    if (accel.has(node)) continue;
    if (node.inputs.some((v) => {
      const p = producer.get(v);
      return p !== undefined && (accel.has(p) || downstream.has(p));
    })) downstream.add(node);
  }
  for (const node of order) {
    if (!accel.has(node)) continue;
    for (const v of node.inputs) {
      const p = producer.get(v);
      if (p && downstream.has(p)) {
        throw new HlsCodegenError(`node ${p.label} is not a hardware layer but sits between hardware layers (it reads accelerator values and feeds ${node.label}); between hardware layers only ${HW_DOMAIN} layers and Reshapes may sit`);
      }
    }
  }

  // several connected regions (the two directions of a bidirectional layer, each fed by its own
  // host quantiser) are independent pipelines of the one accelerator: they run side by side in its
  // top-level dataflow
  const nodes = order.filter((n) => accel.has(n));

  const isConstant = (v: string): boolean => g.initializers.has(v);
  const inputs = new Set<string>();
  const constants = new Set<string>();
  for (const node of nodes) {
    for (const i of dataInputIndices(node, isConstant, registry)) {
      const v = node.inputs[i]!;
      const p = producer.get(v);
      if (p && accel.has(p)) continue;
      (isConstant(v) ? constants : inputs).add(v);
    }
  }
  const nodeIndex = new Map(order.map((n, i) => [n, i]));
  const graphInputOrder = g.inputs.map((i) => i.name).filter((v) => inputs.has(v));
  const otherInputs = [...inputs].filter((v) => !graphInputOrder.includes(v)).sort((a, b) => nodeIndex.get(producer.get(a)!)! - nodeIndex.get(producer.get(b)!)!);
  for (const v of otherInputs) {
    if (!producer.get(v)) throw new HlsCodegenError(`value '${v}' read by the accelerator is neither a graph input, an initializer nor produced by a node`);
  }

  const outputs = new Set<string>();
  const firstHostConsumer = new Map<string, number>();
  for (const node of nodes) {
    for (const v of node.outputs) {
      if (!v) continue;
      const host = (consumers.get(v) ?? []).filter((c) => !accel.has(c));
      if (graphOutputs.has(v) || host.length > 0) {
        outputs.add(v);
        firstHostConsumer.set(v, host.length ? Math.min(...host.map((c) => nodeIndex.get(c)!)) : Number.MAX_SAFE_INTEGER);
      }
    }
  }
  if (outputs.size === 0) throw new HlsCodegenError(`the accelerator of graph '${g.name}' has no outputs (nothing reads its results)`);
  const graphOutputOrder = g.outputs.map((o) => o.name).filter((v, k, all) => outputs.has(v) && all.indexOf(v) === k);
  const otherOutputs = [...outputs].filter((v) => !graphOutputOrder.includes(v)).sort((a, b) => firstHostConsumer.get(a)! - firstHostConsumer.get(b)!);

  return { nodes, inputs: [...graphInputOrder, ...otherInputs], outputs: [...graphOutputOrder, ...otherOutputs], constants: [...constants] };
}
