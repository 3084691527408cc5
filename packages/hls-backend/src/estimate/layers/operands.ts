import { attrInt, type DataType, type Graph, type Node, smallestIntTypeForRange, type Tensor } from '@scanflow/ir';
import { HlsEstimateError } from '../types';

/** `MVAU 'name'` for messages. */
export function layerLabel(node: Node): string {
  return `${node.opType} '${node.name || node.outputs[0] || '?'}'`;
}

/** An int attribute of a layer, with an error naming the node when it is missing. */
export function requiredInt(node: Node, name: string): number {
  if (!node.attributes.has(name)) throw new HlsEstimateError(`${layerLabel(node)}: attribute ${name} is missing`);
  return attrInt(node, name);
}

/** The initializer read by input `i` of a layer (weights, thresholds), or an error naming it. */
export function initializerInput(graph: Graph, node: Node, i: number, what: string): Tensor {
  const name = node.inputs[i];
  const t = name ? graph.initializers.get(name) : undefined;
  if (!t) throw new HlsEstimateError(`${layerLabel(node)}: ${what} '${name ?? ''}' must be an initializer of graph '${graph.name}'`);
  return t;
}

/**
 * The QONNX datatype of a value: its annotation, or for a value produced by a Reshape or a
 * DuplicateStreams (which do not change values) the datatype of that node's input.
 */
export function streamDataType(graph: Graph, name: string): DataType | undefined {
  const seen = new Set<string>();
  let current = name;
  while (!seen.has(current)) {
    seen.add(current);
    const dt = graph.getDataType(current);
    if (dt) return dt;
    const producer = graph.nodes.find((n) => n.outputs.includes(current));
    if (!producer || (producer.opType !== 'Reshape' && producer.opType !== 'DuplicateStreams')) return undefined;
    current = producer.inputs[0];
  }
  return undefined;
}

/** The bit width of an integer stream, or an error naming the layer and the value. */
export function streamBits(graph: Graph, node: Node, i: number, what: string): { bits: number; signed: boolean } {
  const dt = streamDataType(graph, node.inputs[i]);
  if (!dt) throw new HlsEstimateError(`${layerLabel(node)}: ${what} '${node.inputs[i]}' has no QONNX datatype annotation`);
  if (!dt.isInteger) throw new HlsEstimateError(`${layerLabel(node)}: ${what} '${node.inputs[i]}' is ${dt.name}, expected an integer datatype`);
  return { bits: dt.bitWidth, signed: dt.signed };
}

/** The bit width of an integer parameter: its annotation, else the smallest type holding its values. */
export function parameterBits(graph: Graph, node: Node, i: number, what: string): number {
  const annotated = graph.getDataType(node.inputs[i]);
  if (annotated?.isInteger) return annotated.bitWidth;
  const t = initializerInput(graph, node, i, what);
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < t.size; k++) {
    const v = Number((t.data as ArrayLike<number | bigint>)[k]);
    if (!Number.isInteger(v)) throw new HlsEstimateError(`${layerLabel(node)}: ${what} '${node.inputs[i]}' holds ${v}, expected integers`);
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return smallestIntTypeForRange(lo, hi).bitWidth;
}

/** Bit width of a value's integer datatype annotation (following Reshape / DuplicateStreams), or undefined. */
export function optionalBits(graph: Graph, name: string | undefined): number | undefined {
  if (!name) return undefined;
  const dt = streamDataType(graph, name);
  return dt?.isInteger ? dt.bitWidth : undefined;
}
