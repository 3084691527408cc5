import { type Graph, HW_DOMAIN, Node, type NodeInit, Tensor, tensorType } from '@scanflow/ir';
import type { RewriteContext } from '../../graph/rewrite-driver';
import { shapeOf } from '../../graph/graph-tools';

/** Graph-editing helpers shared by the hardware-conversion passes (docs/hardware-layers.md). */

/** A new hardware-layer node. */
export function hwNode(opType: string, inputs: string[], outputs: string[], name: string, attributes: NodeInit['attributes']): Node {
  return new Node({ opType, domain: HW_DOMAIN, inputs, outputs, name, attributes });
}

/** A static shape (every dimension a number), or undefined. */
export function staticShape(graph: Graph, name: string): number[] | undefined {
  const s = shapeOf(graph, name);
  return s && s.every((d) => typeof d === 'number') ? (s as number[]) : undefined;
}

/** Records a float32 tensor's shape in value_info (for values a pass creates). */
export function setShape(graph: Graph, name: string, shape: readonly (number | string | null)[]): void {
  graph.valueInfo.set(name, { name, type: tensorType('float32', [...shape]) });
}

/** Adds `Reshape(input, shape) → output` (a fresh output unless given), returning the output. */
export function addReshape(r: RewriteContext, input: string, shape: readonly number[], output?: string): string {
  const { graph, names } = r;
  const out = output ?? names.fresh(`${input}_view`);
  const s = names.fresh(`${out}_shape`);
  graph.initializers.set(s, Tensor.int64([shape.length], [...shape]));
  r.append(new Node({ opType: 'Reshape', inputs: [input, s], outputs: [out], name: names.fresh(`${out}_reshape`) }));
  if (!output) setShape(graph, out, shape);
  graph.setDataType(out, graph.getDataType(input));
  return out;
}

/** Adds `Transpose(input, perm) → output`, returning the output. */
export function addTranspose(r: RewriteContext, input: string, perm: readonly number[], shape: readonly number[], output?: string): string {
  const { graph, names } = r;
  const out = output ?? names.fresh(`${input}_t`);
  r.append(new Node({ opType: 'Transpose', inputs: [input], outputs: [out], name: names.fresh(`${out}_transpose`), attributes: { perm: { type: 'ints', value: perm.map(BigInt) } } }));
  if (!output) setShape(graph, out, perm.map((p) => shape[p]));
  graph.setDataType(out, graph.getDataType(input));
  return out;
}

/**
 * How a value with channel axis `axis` becomes a channel-last stream: a Reshape when every
 * dimension after the axis is 1 (the element order is already channel-major-last), else a
 * Transpose moving the axis last.
 */
export interface ChannelView {
  channels: number;
  /** Shape of the channel-last view. */
  view: number[];
  /** Permutation to the view, when a Transpose is needed. */
  perm?: number[];
}

export function channelView(shape: readonly number[], axis: number): ChannelView {
  const channels = shape[axis];
  if (shape.slice(axis + 1).every((d) => d === 1)) return { channels, view: [...shape.slice(0, axis), channels] };
  const perm = [...shape.keys()].filter((d) => d !== axis).concat(axis);
  return { channels, view: perm.map((p) => shape[p]), perm };
}

/** Inserts the nodes that turn `value` (of `shape`) into the channel-last view; returns the view's name. */
export function toView(r: RewriteContext, value: string, shape: readonly number[], v: ChannelView): string {
  return v.perm ? addTranspose(r, value, v.perm, shape) : addReshape(r, value, v.view);
}

/** Inserts the nodes that turn a channel-last view back into `output` of `shape`. */
export function fromView(r: RewriteContext, viewValue: string, shape: readonly number[], v: ChannelView, output: string): void {
  if (!v.perm) {
    addReshape(r, viewValue, shape, output);
    return;
  }
  const inverse = new Array<number>(v.perm.length);
  v.perm.forEach((p, i) => (inverse[p] = i));
  addTranspose(r, viewValue, inverse, v.view, output);
}

/** Number of elements of a static shape. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Declares the hardware-layer domain in the model's opset imports (needed when saving). */
export function ensureHwOpset(model: { opsetImports: Map<string, number> }): void {
  if (!model.opsetImports.has(HW_DOMAIN)) model.opsetImports.set(HW_DOMAIN, 1);
}
