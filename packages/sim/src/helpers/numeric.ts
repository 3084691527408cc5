import { allocData, type ElemType, isIntegerElemType, Tensor, type TensorData } from '@scanflow/ir';
import { SimulationError } from '../errors';
import { decodeFloat8E8M0, decodeMiniFloat, encodeMiniFloat, isMiniFloatType, MINI_FLOATS } from './float-formats';

/**
 * A tensor's elements as JS numbers, without copying when the container already holds them
 * (float32, float64 and the ≤32-bit integer types). float16, bfloat16, float8 and float4 bit patterns
 * are decoded; int64 / uint64 are converted (exact up to 2^53).
 */
export function readNumbers(t: Tensor): ArrayLike<number> {
  const d = t.data;
  if (isMiniFloatType(t.elemType)) {
    const f = MINI_FLOATS[t.elemType];
    const src = d as Uint8Array | Uint16Array;
    const out = new Float64Array(src.length);
    for (let i = 0; i < out.length; i++) out[i] = decodeMiniFloat(src[i], f);
    return out;
  }
  if (t.elemType === 'float8e8m0') {
    const src = d as Uint8Array;
    const out = new Float64Array(src.length);
    for (let i = 0; i < out.length; i++) out[i] = decodeFloat8E8M0(src[i]);
    return out;
  }
  if (d instanceof BigInt64Array || d instanceof BigUint64Array) {
    const out = new Float64Array(d.length);
    for (let i = 0; i < out.length; i++) out[i] = Number(d[i]);
    return out;
  }
  if (Array.isArray(d) || t.elemType === 'complex64' || t.elemType === 'complex128') {
    throw new SimulationError(`a ${t.elemType} tensor was given where numbers were expected`);
  }
  return d as Exclude<TensorData, string[] | BigInt64Array | BigUint64Array>;
}

/** Whether the op can compute on this element type as real numbers (floats of any width). */
export function isRealFloatType(t: ElemType): boolean {
  return t === 'float32' || t === 'float64' || t === 'float16' || t === 'bfloat16';
}

/**
 * A tensor of type `t` holding `values` (one rounding: float32 rounds, float16 / bfloat16 / float8 are
 * encoded round-to-nearest-even, integer types wrap like a C cast after truncation toward zero).
 */
export function fromNumbers(t: ElemType, dims: readonly number[], values: ArrayLike<number>, saturate = false): Tensor {
  const n = values.length;
  if (t === 'float32') return new Tensor(t, dims, Float32Array.from(values as ArrayLike<number>));
  if (t === 'float64') return new Tensor(t, dims, Float64Array.from(values as ArrayLike<number>));
  const out = allocData(t, n);
  if (isMiniFloatType(t)) {
    const f = MINI_FLOATS[t];
    const o = out as Uint8Array | Uint16Array;
    for (let i = 0; i < n; i++) o[i] = encodeMiniFloat(values[i], f, saturate);
  } else if (out instanceof BigInt64Array || out instanceof BigUint64Array) {
    for (let i = 0; i < n; i++) out[i] = BigInt(Math.trunc(values[i]));
  } else if (isIntegerElemType(t) || t === 'bool') {
    const o = out as Int32Array;
    for (let i = 0; i < n; i++) o[i] = Math.trunc(values[i]);
  } else {
    throw new SimulationError(`cannot store numbers into a ${t} tensor`);
  }
  return new Tensor(t, dims, out);
}

/** Rounds a double to the precision of a float type (identity for float64). */
export function roundToType(t: ElemType): (x: number) => number {
  if (t === 'float32') return Math.fround;
  if (isMiniFloatType(t)) {
    const f = MINI_FLOATS[t];
    return (x) => decodeMiniFloat(encodeMiniFloat(x, f), f);
  }
  return (x) => x;
}
