import type { ElemType } from '../tensor/elem-type';

/** One dimension: a known size, a symbolic name (ONNX dim_param), or null when unknown. */
export type Dim = number | string | null;

/** The type of a value: a tensor (the common case), or one of ONNX's container types. */
export type ValueType =
  | { kind: 'tensor'; elemType: ElemType; shape?: Dim[] }
  | { kind: 'sparseTensor'; elemType: ElemType; shape?: Dim[] }
  | { kind: 'sequence'; elem?: ValueType }
  | { kind: 'optional'; elem?: ValueType }
  | { kind: 'map'; keyType: ElemType; valueType?: ValueType };

export type TensorType = Extract<ValueType, { kind: 'tensor' }>;

/** A named value's declared type (graph inputs, outputs and value_info). */
export interface ValueInfo {
  name: string;
  type?: ValueType;
  docString?: string;
  /** Entries of ValueInfoProto.metadata_props, kept in order. */
  metadataProps?: [string, string][];
}

export function tensorType(elemType: ElemType, shape?: Dim[]): TensorType {
  return shape === undefined ? { kind: 'tensor', elemType } : { kind: 'tensor', elemType, shape: [...shape] };
}

/** Whether every dimension of a tensor type is a known number. */
export function isStaticShape(shape: Dim[] | undefined): shape is number[] {
  return shape !== undefined && shape.every((d) => typeof d === 'number');
}

export function formatShape(shape: Dim[] | undefined): string {
  if (shape === undefined) return '?';
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

export function formatValueType(t: ValueType | undefined): string {
  if (!t) return '?';
  switch (t.kind) {
    case 'tensor':
      return `${t.elemType}${formatShape(t.shape)}`;
    case 'sparseTensor':
      return `sparse ${t.elemType}${formatShape(t.shape)}`;
    case 'sequence':
      return `seq(${formatValueType(t.elem)})`;
    case 'optional':
      return `optional(${formatValueType(t.elem)})`;
    case 'map':
      return `map(${t.keyType}, ${formatValueType(t.valueType)})`;
  }
}

export function cloneValueType(t: ValueType): ValueType {
  switch (t.kind) {
    case 'tensor':
    case 'sparseTensor':
      return t.shape ? { ...t, shape: [...t.shape] } : { ...t };
    case 'sequence':
    case 'optional':
      return t.elem ? { kind: t.kind, elem: cloneValueType(t.elem) } : { kind: t.kind };
    case 'map':
      return t.valueType ? { kind: 'map', keyType: t.keyType, valueType: cloneValueType(t.valueType) } : { kind: 'map', keyType: t.keyType };
  }
}
