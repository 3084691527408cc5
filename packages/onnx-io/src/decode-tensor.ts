import {
  allocData,
  DEFAULT_MAX_TENSOR_ELEMENTS,
  LimitError,
  elemTypeFromCode,
  type ElemType,
  isScanflowError,
  shapeSize,
  slotsPerElement,
  Tensor,
  type TensorData,
} from '@scanflow/ir';
import type { DecodeContext } from './context';
import { describeError, ExternalDataError, OnnxFormatError } from './errors';
import { int64ToBigInt, int64ToSafeNumber, type Int64Like } from './int64';
import { entriesOf, has, type TensorProto } from './proto';
import { packedLength, subByteBits, unpackSubByte } from './sub-byte';
import { rawByteLength, rawToData } from './tensor-bytes';

const EXTERNAL = 1;
const utf8 = new TextDecoder('utf-8');

type TypedField = 'floatData' | 'int32Data' | 'stringData' | 'int64Data' | 'doubleData' | 'uint64Data';
const TYPED_FIELDS: readonly TypedField[] = ['floatData', 'int32Data', 'stringData', 'int64Data', 'doubleData', 'uint64Data'];
const PROTO_NAME: Record<TypedField, string> = {
  floatData: 'float_data',
  int32Data: 'int32_data',
  stringData: 'string_data',
  int64Data: 'int64_data',
  doubleData: 'double_data',
  uint64Data: 'uint64_data',
};

/** The typed field ONNX allows for each element type. */
function typedFieldFor(t: ElemType): TypedField {
  switch (t) {
    case 'float32':
    case 'complex64':
      return 'floatData';
    case 'float64':
    case 'complex128':
      return 'doubleData';
    case 'int64':
      return 'int64Data';
    case 'uint32':
    case 'uint64':
      return 'uint64Data';
    case 'string':
      return 'stringData';
    default:
      return 'int32Data';
  }
}

/** The element type of a TensorProto.data_type code, or an OnnxFormatError naming `where`. */
export function elemTypeOfCode(code: number | null | undefined, where: string): ElemType {
  const t = elemTypeFromCode(code ?? 0);
  if (t) return t;
  if (!code) throw new OnnxFormatError(`${where}: data_type is missing (UNDEFINED); expected a TensorProto.DataType code from 1 to 26`);
  throw new OnnxFormatError(`${where}: unknown data_type ${code}; expected a TensorProto.DataType code from 1 to 26`);
}

/**
 * Dimensions as numbers: non-negative safe integers whose product stays within MAX_TENSOR_ELEMENTS
 * and within `maxElements` (a LimitError naming maxTensorElements).
 */
export function decodeDims(dims: readonly Int64Like[] | null | undefined, where: string, maxElements = DEFAULT_MAX_TENSOR_ELEMENTS): { dims: number[]; size: number } {
  const out = (dims ?? []).map((d, i) => {
    const n = int64ToSafeNumber(d);
    if (n === undefined || n < 0) throw new OnnxFormatError(`${where}: dimension ${i} is ${int64ToBigInt(d)}; expected a non-negative integer`);
    return n;
  });
  let size: number;
  try {
    size = shapeSize(out, where);
  } catch (e) {
    throw new OnnxFormatError(isScanflowError(e) ? e.message : `${where}: ${describeError(e)}`, { cause: e });
  }
  if (size > maxElements) {
    throw new LimitError('maxTensorElements', `${where}: shape [${out.join(', ')}] has ${size} elements, over the limit maxTensorElements = ${maxElements} (raise it with the maxTensorElements option, or --max-elements in the CLI)`);
  }
  return { dims: out, size };
}

/**
 * A TensorProto → IR Tensor, from whichever encoding it uses: raw_data (little-endian, copied out
 * of the protobuf buffer), the typed fields, or external data via `ctx.external`. Everything is
 * checked against the shape; failures name `where` (e.g. "tensor 'W' in model.onnx").
 */
export function decodeTensorProto(p: TensorProto, where: string, ctx: DecodeContext): Tensor {
  const t = elemTypeOfCode(p.dataType, where);
  if (p.segment) throw new OnnxFormatError(`${where}: segmented tensors (TensorProto.segment) are not supported; store the whole tensor in one TensorProto`);
  const { dims, size } = decodeDims(p.dims, where, ctx.maxTensorElements);
  return new Tensor(t, dims, decodeData(p, t, dims, size, where, ctx));
}

function decodeData(p: TensorProto, t: ElemType, dims: number[], n: number, where: string, ctx: DecodeContext): TensorData {
  const present = TYPED_FIELDS.filter((f) => (p[f]?.length ?? 0) > 0);
  const hasRaw = has(p, 'rawData');
  if (p.dataLocation === EXTERNAL) return decodeExternal(p, t, n, where, ctx);
  if (hasRaw && present.length > 0) throw new OnnxFormatError(`${where}: has both raw_data and ${PROTO_NAME[present[0]]}; expected exactly one data field`);
  if (present.length > 1) throw new OnnxFormatError(`${where}: has both ${PROTO_NAME[present[0]]} and ${PROTO_NAME[present[1]]}; expected exactly one data field`);
  if (hasRaw) {
    if (t === 'string') throw new OnnxFormatError(`${where}: string tensors must use string_data, not raw_data`);
    const raw = p.rawData as Uint8Array;
    const expected = rawByteLength(t, n) as number;
    if (raw.length !== expected) {
      throw new OnnxFormatError(`${where}: raw_data has ${raw.length} bytes but ${t} shape [${dims.join(', ')}] needs ${expected}`);
    }
    return rawToData(t, raw, n);
  }
  if (present.length === 0) {
    if (n === 0) return allocData(t, 0);
    throw new OnnxFormatError(`${where}: has no data (no raw_data, typed data field or external data) for ${n} elements of ${t}`);
  }
  const field = present[0];
  const allowed = typedFieldFor(t);
  if (field !== allowed) throw new OnnxFormatError(`${where}: ${PROTO_NAME[field]} cannot hold ${t} data; expected ${PROTO_NAME[allowed]} or raw_data`);
  return decodeTyped(p, t, n, field, where);
}

function expectCount(actual: number, expected: number, field: TypedField, t: ElemType, where: string): void {
  if (actual !== expected) throw new OnnxFormatError(`${where}: ${PROTO_NAME[field]} has ${actual} values but ${t} data of this shape needs ${expected}`);
}

function decodeTyped(p: TensorProto, t: ElemType, n: number, field: TypedField, where: string): TensorData {
  const slots = n * slotsPerElement(t);
  switch (field) {
    case 'floatData': {
      const v = p.floatData as number[];
      expectCount(v.length, slots, field, t, where);
      return Float32Array.from(v);
    }
    case 'doubleData': {
      const v = p.doubleData as number[];
      expectCount(v.length, slots, field, t, where);
      return Float64Array.from(v);
    }
    case 'int64Data': {
      const v = p.int64Data as Int64Like[];
      expectCount(v.length, n, field, t, where);
      return BigInt64Array.from(v, (x) => int64ToBigInt(x));
    }
    case 'uint64Data': {
      const v = p.uint64Data as Int64Like[];
      expectCount(v.length, n, field, t, where);
      if (t === 'uint64') return BigUint64Array.from(v, (x) => int64ToBigInt(x, true));
      return Uint32Array.from(v, (x, i) => {
        const u = int64ToBigInt(x, true);
        if (u > 0xffffffffn) throw new OnnxFormatError(`${where}: uint64_data[${i}] = ${u} does not fit uint32`);
        return Number(u);
      });
    }
    case 'stringData': {
      const v = p.stringData as Uint8Array[];
      expectCount(v.length, n, field, t, where);
      return v.map((b) => utf8.decode(b));
    }
    case 'int32Data': {
      const v = p.int32Data as number[];
      const bits = subByteBits(t);
      if (bits) {
        // Each int32 value holds one packed byte: two 4-bit or four 2-bit elements.
        expectCount(v.length, packedLength(n, bits), field, t, where);
        return unpackSubByte(t, bits, v.map((x) => x & 0xff), n);
      }
      expectCount(v.length, n, field, t, where);
      const out = allocData(t, n) as Exclude<TensorData, string[] | BigInt64Array | BigUint64Array>;
      // Typed-array assignment keeps the low bits: int8 values, uint16 bit patterns of float16 ...
      for (let i = 0; i < n; i++) out[i] = v[i];
      return out;
    }
  }
}

function decodeExternal(p: TensorProto, t: ElemType, n: number, where: string, ctx: DecodeContext): TensorData {
  const entries = entriesOf(p.externalData);
  const location = entries.find(([k]) => k === 'location')?.[1] ?? '?';
  if (t === 'string') throw new ExternalDataError(`${where}: string tensors cannot be stored as external data (file '${location}')`);
  if (!ctx.external) {
    throw new ExternalDataError(
      `${where}: its data is stored in external file '${location}', but ${ctx.file} was decoded from bytes without a base folder; ` +
        'pass options.baseDir to decodeModel (or use loadModel with the model path)',
    );
  }
  const bytes = ctx.external.read(entries, rawByteLength(t, n) as number, where);
  return rawToData(t, bytes, n);
}
