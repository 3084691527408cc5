import type { ElemType } from '@scanflow/ir';

/**
 * ONNX stores 4-bit types (int4, uint4, float4e2m1) two per byte and 2-bit types (int2, uint2)
 * four per byte, first element in the least significant bits. The IR holds them unpacked, one
 * element per container slot (Int8Array for signed integers, Uint8Array otherwise).
 */
export function subByteBits(t: ElemType): 2 | 4 | undefined {
  switch (t) {
    case 'int4':
    case 'uint4':
    case 'float4e2m1':
      return 4;
    case 'int2':
    case 'uint2':
      return 2;
    default:
      return undefined;
  }
}

/** Bytes needed to pack `n` elements of `bits` bits. */
export function packedLength(n: number, bits: 2 | 4): number {
  return Math.ceil((n * bits) / 8);
}

/** Unpacks `n` elements from `bytes` (little-end first); signed types are sign-extended. */
export function unpackSubByte(t: ElemType, bits: 2 | 4, bytes: ArrayLike<number>, n: number): Int8Array | Uint8Array {
  const signed = t === 'int4' || t === 'int2';
  const out = signed ? new Int8Array(n) : new Uint8Array(n);
  const perByte = 8 / bits;
  const mask = (1 << bits) - 1;
  const shiftBack = 32 - bits;
  for (let i = 0; i < n; i++) {
    const v = (bytes[Math.floor(i / perByte)] >> ((i % perByte) * bits)) & mask;
    out[i] = signed ? (v << shiftBack) >> shiftBack : v;
  }
  return out;
}

/** Packs `n` elements (only their low `bits` bits are kept); unused high bits of the last byte are 0. */
export function packSubByte(bits: 2 | 4, data: ArrayLike<number>, n: number): Uint8Array {
  const out = new Uint8Array(packedLength(n, bits));
  const perByte = 8 / bits;
  const mask = (1 << bits) - 1;
  for (let i = 0; i < n; i++) out[Math.floor(i / perByte)] |= (data[i] & mask) << ((i % perByte) * bits);
  return out;
}
