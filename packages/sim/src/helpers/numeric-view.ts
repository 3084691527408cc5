import { allocData, type ElemType, type Tensor, type TensorData } from '@scanflow/ir';
import { decodeFloatBitsArray, encodeFloatBitsArray, isFloatBitsType } from './float-bits';

/**
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

/** The tensor's values as kernels compute on them (bit-pattern floats decoded to doubles). */
export function valuesOf(t: Tensor): ArrayLike<any> {
  return isFloatBitsType(t.elemType) ? decodeFloatBitsArray(t.elemType, t.data as Uint16Array) : (t.data as ArrayLike<any>);
}

/**
 * An output buffer of `n` elements of type `t`: `values` is what a kernel writes into (the container
 * itself, or a Float64Array for bit-pattern floats), `finish()` returns the container.
 */
export interface OutputBuffer {
  values: any;
  finish(): TensorData;
}

export function outputBuffer(t: ElemType, n: number): OutputBuffer {
  if (isFloatBitsType(t)) {
    const values = new Float64Array(n);
    return {
      values,
      finish: () => {
        const out = allocData(t, n) as Uint8Array | Uint16Array;
        encodeFloatBitsArray(t, values, out);
        return out;
      },
    };
  }
  const data = allocData(t, n);
  return { values: data, finish: () => data };
}
