/**
 * The generated ONNX protobuf module (src/gen, from src/proto/onnx.proto) and short names for the
 * message shapes this package reads and writes. Internal: protobuf types never reach the public API.
 */
import { onnx } from './gen/onnx.js';

export { onnx };

export type ModelProto = onnx.ModelProto.$Properties;
export type GraphProto = onnx.GraphProto.$Properties;
export type NodeProto = onnx.NodeProto.$Properties;
export type AttributeProto = onnx.AttributeProto.$Properties;
export type TensorProto = onnx.TensorProto.$Properties;
export type SparseTensorProto = onnx.SparseTensorProto.$Properties;
export type ValueInfoProto = onnx.ValueInfoProto.$Properties;
export type TypeProto = onnx.TypeProto.$Properties;
export type FunctionProto = onnx.FunctionProto.$Properties;
export type OperatorSetIdProto = onnx.OperatorSetIdProto.$Properties;
export type StringStringEntryProto = onnx.StringStringEntryProto.$Properties;
export type TensorAnnotationProto = onnx.TensorAnnotation.$Properties;

/** Whether a singular field was present on the wire (protobufjs sets own properties only then). */
export function has<T extends object>(message: T, field: keyof T & string): boolean {
  return Object.prototype.hasOwnProperty.call(message, field) && (message as Record<string, unknown>)[field] != null;
}

/** [key, value] pairs of a repeated StringStringEntryProto field. */
export function entriesOf(list: readonly StringStringEntryProto[] | null | undefined): [string, string][] {
  return (list ?? []).map((e) => [e.key ?? '', e.value ?? '']);
}

export function entryProtos(pairs: readonly (readonly [string, string])[] | undefined): StringStringEntryProto[] {
  return (pairs ?? []).map(([key, value]) => ({ key, value }));
}
