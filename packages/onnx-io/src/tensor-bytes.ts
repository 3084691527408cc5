import { allocData, ELEM_TYPES, type ElemType, type TensorData } from '@scanflow/ir';
import { packedLength, packSubByte, subByteBits, unpackSubByte } from './sub-byte';

type NumericData = Exclude<TensorData, string[]>;

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Size in bytes of `n` elements of `t` in ONNX raw_data form (packed for sub-byte types); undefined for strings. */
export function rawByteLength(t: ElemType, n: number): number | undefined {
  if (t === 'string') return undefined;
  const bits = subByteBits(t);
  return bits ? packedLength(n, bits) : n * ELEM_TYPES[t].bytes;
}

/**
 * Converts little-endian raw bytes (any alignment, any backing buffer) into a freshly allocated
 * IR container for `n` elements. The caller has checked `bytes.length === rawByteLength(t, n)`.
 */
export function rawToData(t: ElemType, bytes: Uint8Array, n: number): NumericData {
  const bits = subByteBits(t);
  if (bits) return unpackSubByte(t, bits, bytes, n);
  const out = allocData(t, n) as NumericData;
  if (HOST_LITTLE_ENDIAN || out.BYTES_PER_ELEMENT === 1) {
    new Uint8Array(out.buffer, out.byteOffset, out.byteLength).set(bytes);
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  readLittleEndian(out, view);
  return out;
}

/** The ONNX raw_data bytes (little-endian, sub-byte types packed) of a numeric container. */
export function dataToRaw(t: ElemType, data: NumericData, n: number): Uint8Array {
  const bits = subByteBits(t);
  if (bits) return packSubByte(bits, data as Int8Array | Uint8Array, n);
  if (HOST_LITTLE_ENDIAN || data.BYTES_PER_ELEMENT === 1) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const out = new Uint8Array(data.byteLength);
  writeLittleEndian(data, new DataView(out.buffer));
  return out;
}

function readLittleEndian(out: NumericData, v: DataView): void {
  const w = out.BYTES_PER_ELEMENT;
  for (let i = 0; i < out.length; i++) {
    const o = i * w;
    if (out instanceof Float32Array) out[i] = v.getFloat32(o, true);
    else if (out instanceof Float64Array) out[i] = v.getFloat64(o, true);
    else if (out instanceof Int16Array) out[i] = v.getInt16(o, true);
    else if (out instanceof Uint16Array) out[i] = v.getUint16(o, true);
    else if (out instanceof Int32Array) out[i] = v.getInt32(o, true);
    else if (out instanceof Uint32Array) out[i] = v.getUint32(o, true);
    else if (out instanceof BigInt64Array) out[i] = v.getBigInt64(o, true);
    else if (out instanceof BigUint64Array) out[i] = v.getBigUint64(o, true);
  }
}

function writeLittleEndian(data: NumericData, v: DataView): void {
  const w = data.BYTES_PER_ELEMENT;
  for (let i = 0; i < data.length; i++) {
    const o = i * w;
    if (data instanceof Float32Array) v.setFloat32(o, data[i], true);
    else if (data instanceof Float64Array) v.setFloat64(o, data[i], true);
    else if (data instanceof Int16Array) v.setInt16(o, data[i], true);
    else if (data instanceof Uint16Array) v.setUint16(o, data[i], true);
    else if (data instanceof Int32Array) v.setInt32(o, data[i], true);
    else if (data instanceof Uint32Array) v.setUint32(o, data[i], true);
    else if (data instanceof BigInt64Array) v.setBigInt64(o, data[i], true);
    else if (data instanceof BigUint64Array) v.setBigUint64(o, data[i], true);
  }
}
