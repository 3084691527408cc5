import { allocData, type ElemType, Tensor, type TensorData } from '@scanflow/ir';
import { SimulationError } from '../errors';
import { decodeFloatBits, decodeFloatBitsArray, type EncodeOptions, encodeFloatBits, encodeFloatBitsArray, isFloatBitsType } from './float-bits';

/**
 * Tensor containers ↔ the JS values kernels compute on. float16, bfloat16, float8, float4 and
 * float8e8m0 containers hold bit patterns, which are decoded to doubles on reading and encoded on
 * writing (through ./float-bits); every other container is read and written in place.
 *
 * How elementwise kernels see the values of an element type:
 *  - `float`: JS numbers computed in double precision (float32, float64, and float16 / bfloat16,
 *    which are decoded from and re-encoded to their bit patterns);
 *  - `int`: JS numbers of integer types up to 32 bits; stores into the typed array wrap like C;
 *  - `big`: bigints (int64, uint64); stores into BigInt64Array / BigUint64Array wrap modulo 2^64;
 *  - `bool`: 0 / 1 numbers;
 *  - `string`: JS strings.
 */
export type ValueClass = 'float' | 'int' | 'big' | 'bool' | 'string';

export function valueClassOf(t: ElemType): ValueClass | undefined {
  switch (t) {
    case 'float32':
    case 'float64':
    case 'float16':
    case 'bfloat16':
      return 'float';
    case 'int8':
    case 'int16':
    case 'int32':
    case 'uint8':
    case 'uint16':
    case 'uint32':
      return 'int';
    case 'int64':
    case 'uint64':
      return 'big';
    case 'bool':
      return 'bool';
    case 'string':
      return 'string';
    default:
      return undefined;
  }
}

/** Whether the op can compute on this element type as real numbers (floats of any width). */
export function isRealFloatType(t: ElemType): boolean {
  return valueClassOf(t) === 'float';
}

/** The tensor's values as kernels compute on them (bit-pattern floats decoded to doubles, everything else as held). */
export function valuesOf(t: Tensor): ArrayLike<any> {
  return isFloatBitsType(t.elemType) ? decodeFloatBitsArray(t.elemType, t.data as Uint8Array | Uint16Array) : (t.data as ArrayLike<any>);
}

/**
 * A tensor's elements as JS numbers, without copying when the container already holds them
 * (float32, float64 and the ≤32-bit integer types). Bit-pattern floats are decoded; int64 / uint64
 * are converted (exact up to 2^53).
 */
export function readNumbers(t: Tensor): ArrayLike<number> {
  const d = t.data;
  if (isFloatBitsType(t.elemType)) return valuesOf(t);
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

/**
 * An output buffer of `n` elements of type `t`: `values` is what a kernel writes into (the container
 * itself, or a Float64Array for bit-pattern floats), `finish()` returns the container. Bit-pattern
 * floats are encoded with `options` (default: Cast's rules, saturating).
 */
export interface OutputBuffer {
  values: any;
  finish(): TensorData;
}

export function outputBuffer(t: ElemType, n: number, options: EncodeOptions = {}): OutputBuffer {
  if (isFloatBitsType(t)) {
    const values = new Float64Array(n);
    return {
      values,
      finish: () => {
        const out = allocData(t, n) as Uint8Array | Uint16Array;
        encodeFloatBitsArray(t, values, out, options);
        return out;
      },
    };
  }
  const data = allocData(t, n);
  return { values: data, finish: () => data };
}

/** The encoding of fromNumbers and roundToType: the quantize rules, overflowing without saturation. */
const NUMERIC_ENCODING: EncodeOptions = { saturate: false, convention: 'quantize' };

/**
 * A tensor of type `t` holding `values` (one rounding: float32 rounds, bit-pattern floats are
 * encoded round-to-nearest-even without saturation, integer types wrap like a C cast after
 * truncation toward zero).
 */
export function fromNumbers(t: ElemType, dims: readonly number[], values: ArrayLike<number>): Tensor {
  const n = values.length;
  if (t === 'float32') return new Tensor(t, dims, Float32Array.from(values));
  if (t === 'float64') return new Tensor(t, dims, Float64Array.from(values));
  if (t === 'string' || t === 'complex64' || t === 'complex128' || t === 'float8e8m0') throw new SimulationError(`cannot store numbers into a ${t} tensor`);
  const buf = outputBuffer(t, n, NUMERIC_ENCODING);
  const o = buf.values;
  if (o instanceof BigInt64Array || o instanceof BigUint64Array) {
    for (let i = 0; i < n; i++) o[i] = BigInt(Math.trunc(values[i]));
  } else {
    // typed-array stores truncate toward zero and wrap, like Math.trunc followed by a C cast
    for (let i = 0; i < n; i++) o[i] = values[i];
  }
  return new Tensor(t, dims, buf.finish());
}

/** Rounds a double to the precision of a float type (identity for float64 and float8e8m0). */
export function roundToType(t: ElemType): (x: number) => number {
  if (t === 'float32') return Math.fround;
  if (isFloatBitsType(t) && t !== 'float8e8m0') return (x) => decodeFloatBits(t, encodeFloatBits(t, x, NUMERIC_ENCODING));
  return (x) => x;
}
