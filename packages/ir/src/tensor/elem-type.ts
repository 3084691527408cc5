/**
 * ONNX tensor element types (TensorProto.DataType), by a lower-case name, with their ONNX codes and
 * the JavaScript container each is held in. Sub-byte integers are held unpacked, one per element;
 * float16, bfloat16, float8 and float4 values are held as raw bit patterns.
 */
export const ELEM_TYPES = {
  float32: { code: 1, bytes: 4 },
  uint8: { code: 2, bytes: 1 },
  int8: { code: 3, bytes: 1 },
  uint16: { code: 4, bytes: 2 },
  int16: { code: 5, bytes: 2 },
  int32: { code: 6, bytes: 4 },
  int64: { code: 7, bytes: 8 },
  string: { code: 8, bytes: 0 },
  bool: { code: 9, bytes: 1 },
  float16: { code: 10, bytes: 2 },
  float64: { code: 11, bytes: 8 },
  uint32: { code: 12, bytes: 4 },
  uint64: { code: 13, bytes: 8 },
  complex64: { code: 14, bytes: 8 },
  complex128: { code: 15, bytes: 16 },
  bfloat16: { code: 16, bytes: 2 },
  float8e4m3fn: { code: 17, bytes: 1 },
  float8e4m3fnuz: { code: 18, bytes: 1 },
  float8e5m2: { code: 19, bytes: 1 },
  float8e5m2fnuz: { code: 20, bytes: 1 },
  uint4: { code: 21, bytes: 0.5 },
  int4: { code: 22, bytes: 0.5 },
  float4e2m1: { code: 23, bytes: 0.5 },
  float8e8m0: { code: 24, bytes: 1 },
  uint2: { code: 25, bytes: 0.25 },
  int2: { code: 26, bytes: 0.25 },
} as const;

export type ElemType = keyof typeof ELEM_TYPES;

const BY_CODE = new Map<number, ElemType>(Object.entries(ELEM_TYPES).map(([k, v]) => [v.code, k as ElemType]));

export function elemTypeFromCode(code: number): ElemType | undefined {
  return BY_CODE.get(code);
}

export function elemTypeCode(t: ElemType): number {
  return ELEM_TYPES[t].code;
}

export function isElemType(s: string): s is ElemType {
  return Object.prototype.hasOwnProperty.call(ELEM_TYPES, s);
}

/** Storage width of one element in bits when packed (raw_data). */
export function elemTypeBits(t: ElemType): number {
  return ELEM_TYPES[t].bytes * 8;
}

export function isFloatElemType(t: ElemType): boolean {
  return (
    t === 'float32' || t === 'float64' || t === 'float16' || t === 'bfloat16' || t.startsWith('float8') || t === 'float4e2m1'
  );
}

export function isIntegerElemType(t: ElemType): boolean {
  return /^u?int\d+$/.test(t);
}

export function isSignedIntegerElemType(t: ElemType): boolean {
  return /^int\d+$/.test(t);
}

/** Whether the container is a BigInt64Array / BigUint64Array. */
export function isBigIntElemType(t: ElemType): t is 'int64' | 'uint64' {
  return t === 'int64' || t === 'uint64';
}

/** Integer range of an ONNX integer element type, as numbers (64-bit bounds are rounded). */
const RANGES = new Map<ElemType, [number, number]>();

export function integerElemRange(t: ElemType): [number, number] {
  const cached = RANGES.get(t);
  if (cached) return cached;
  const m = /^(u?)int(\d+)$/.exec(t);
  if (!m) throw new RangeError(`${t} is not an integer element type`);
  const bits = Number(m[2]);
  const r: [number, number] = m[1] === 'u' ? [0, 2 ** bits - 1] : [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1];
  RANGES.set(t, r);
  return r;
}
