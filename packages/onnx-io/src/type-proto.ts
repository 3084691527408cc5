import { type Dim, elemTypeCode, type ValueType } from '@scanflow/ir';
import { elemTypeOfCode } from './decode-tensor';
import { OnnxFormatError } from './errors';
import { int64ToBigInt, int64ToSafeNumber } from './int64';
import { has, type onnx, type TypeProto } from './proto';

type ShapeProto = onnx.TensorShapeProto.$Properties;

function decodeShape(shape: ShapeProto | null | undefined, where: string): Dim[] | undefined {
  if (!shape) return undefined;
  return (shape.dim ?? []).map((d, i) => {
    if (has(d, 'dimValue')) {
      const n = int64ToSafeNumber(d.dimValue as number);
      if (n === undefined || n < 0) throw new OnnxFormatError(`${where}: dimension ${i} has dim_value ${int64ToBigInt(d.dimValue as number)}; expected a non-negative integer`);
      return n;
    }
    if (has(d, 'dimParam') && d.dimParam) return d.dimParam;
    return null;
  });
}

/**
 * TypeProto → IR ValueType: tensor, sparse tensor, sequence, optional and map types, with
 * dim_value / dim_param / unknown dimensions. An empty TypeProto gives undefined.
 */
export function decodeTypeProto(p: TypeProto, where: string): ValueType | undefined {
  if (p.tensorType) {
    const shape = decodeShape(p.tensorType.shape, where);
    const elemType = elemTypeOfCode(p.tensorType.elemType, `${where}: tensor type`);
    return shape ? { kind: 'tensor', elemType, shape } : { kind: 'tensor', elemType };
  }
  if (p.sparseTensorType) {
    const shape = decodeShape(p.sparseTensorType.shape, where);
    const elemType = elemTypeOfCode(p.sparseTensorType.elemType, `${where}: sparse tensor type`);
    return shape ? { kind: 'sparseTensor', elemType, shape } : { kind: 'sparseTensor', elemType };
  }
  if (p.sequenceType) {
    const elem = p.sequenceType.elemType ? decodeTypeProto(p.sequenceType.elemType, `${where} (sequence element)`) : undefined;
    return elem ? { kind: 'sequence', elem } : { kind: 'sequence' };
  }
  if (p.optionalType) {
    const elem = p.optionalType.elemType ? decodeTypeProto(p.optionalType.elemType, `${where} (optional element)`) : undefined;
    return elem ? { kind: 'optional', elem } : { kind: 'optional' };
  }
  if (p.mapType) {
    const keyType = elemTypeOfCode(p.mapType.keyType, `${where}: map key type`);
    const valueType = p.mapType.valueType ? decodeTypeProto(p.mapType.valueType, `${where} (map value)`) : undefined;
    return valueType ? { kind: 'map', keyType, valueType } : { kind: 'map', keyType };
  }
  return undefined;
}

function encodeShape(shape: Dim[]): ShapeProto {
  return { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : typeof d === 'string' ? { dimParam: d } : {})) };
}

/** IR ValueType → TypeProto (the inverse of decodeTypeProto). */
export function encodeTypeProto(t: ValueType): TypeProto {
  switch (t.kind) {
    case 'tensor':
      return { tensorType: t.shape ? { elemType: elemTypeCode(t.elemType), shape: encodeShape(t.shape) } : { elemType: elemTypeCode(t.elemType) } };
    case 'sparseTensor':
      return {
        sparseTensorType: t.shape ? { elemType: elemTypeCode(t.elemType), shape: encodeShape(t.shape) } : { elemType: elemTypeCode(t.elemType) },
      };
    case 'sequence':
      return { sequenceType: t.elem ? { elemType: encodeTypeProto(t.elem) } : {} };
    case 'optional':
      return { optionalType: t.elem ? { elemType: encodeTypeProto(t.elem) } : {} };
    case 'map':
      return { mapType: t.valueType ? { keyType: elemTypeCode(t.keyType), valueType: encodeTypeProto(t.valueType) } : { keyType: elemTypeCode(t.keyType) } };
  }
}
