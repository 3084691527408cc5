import { type Graph, isStaticShape } from '@scanflow/ir';
import { type ElemType, elemTypeOf } from './cpp-types';
import { HlsCodegenError } from './errors';

/**
 * The static shape of a value (graph input / output, value_info after type inference, or an
 * initializer). Hardware streams have compile-time lengths, so a dynamic dimension is an error.
 */
export function staticShape(graph: Graph, value: string): number[] {
  const t = graph.typeOf(value);
  if (t?.kind !== 'tensor' || !isStaticShape(t.shape)) {
    throw new HlsCodegenError(`value '${value}' in graph '${graph.name}' has no static shape (hardware streams need compile-time lengths)`);
  }
  return [...t.shape];
}

/** Number of elements of a value. */
export function elementCount(graph: Graph, value: string): number {
  return staticShape(graph, value).reduce((a, b) => a * b, 1);
}

/** The C++ element type of a value, from its QONNX datatype annotation. */
export function valueElemType(graph: Graph, value: string): ElemType {
  const dt = graph.getDataType(value);
  if (!dt) throw new HlsCodegenError(`value '${value}' in graph '${graph.name}' has no datatype annotation (the hardware stage annotates every value)`);
  return elemTypeOf(dt, `value '${value}'`);
}
