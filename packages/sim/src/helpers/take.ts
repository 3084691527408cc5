import { allocData, Tensor } from '@scanflow/ir';
import { SimulationError } from '../errors';

/**
 * Flat source indices of a strided walk: for every output position (row-major over `dims`),
 * offset + Σ coordᵢ · stridesᵢ. Serves Transpose, Slice and friends.
 */
export function stridedIndex(dims: readonly number[], strides: readonly number[], offset = 0): Int32Array {
  let n = 1;
  for (const d of dims) n *= d;
  const idx = new Int32Array(n);
  if (n === 0) return idx;
  const rank = dims.length;
  const counter = new Array<number>(rank).fill(0);
  let cur = offset;
  for (let k = 0; k < n; k++) {
    idx[k] = cur;
    for (let a = rank - 1; a >= 0; a--) {
      cur += strides[a];
      if (++counter[a] < dims[a]) break;
      cur -= strides[a] * dims[a];
      counter[a] = 0;
    }
  }
  return idx;
}

/**
 * A new tensor of shape `dims` whose element k is element idx[k] of `t` (idx[k] < 0 takes `fill`,
 * used by Pad). Works for every element type, since values are copied as stored.
 */
export function takeElements(t: Tensor, idx: ArrayLike<number>, dims: readonly number[], fill?: unknown): Tensor {
  if (t.elemType === 'complex64' || t.elemType === 'complex128') throw new SimulationError(`${t.elemType} tensors are not supported here`);
  const n = idx.length;
  const out = allocData(t.elemType, n) as any;
  const d = t.data as any;
  if (fill === undefined) for (let k = 0; k < n; k++) out[k] = d[idx[k]];
  else for (let k = 0; k < n; k++) out[k] = idx[k] < 0 ? fill : d[idx[k]];
  return new Tensor(t.elemType, dims, out);
}

/** Copies `len` consecutive elements between containers of the same kind. */
export function copyBlock(dst: any, dstOff: number, src: any, srcOff: number, len: number): void {
  if (Array.isArray(src)) {
    for (let i = 0; i < len; i++) dst[dstOff + i] = src[srcOff + i];
  } else if (len > 16) {
    dst.set(src.subarray(srcOff, srcOff + len), dstOff);
  } else {
    for (let i = 0; i < len; i++) dst[dstOff + i] = src[srcOff + i];
  }
}

/**
 * Flat source indices from per-axis maps: maps[a][o] is the input coordinate on axis a of output
 * coordinate o, or -1 for "no source" (the whole element then gets -1). Serves Tile and Pad.
 */
export function mappedIndex(maps: readonly Int32Array[], inStrides: readonly number[]): Int32Array {
  let cur = Int32Array.of(0);
  for (let a = 0; a < maps.length; a++) {
    const m = maps[a];
    const s = inStrides[a];
    const next = new Int32Array(cur.length * m.length);
    let k = 0;
    for (let i = 0; i < cur.length; i++) {
      const base = cur[i];
      for (let o = 0; o < m.length; o++) next[k++] = base < 0 || m[o] < 0 ? -1 : base + m[o] * s;
    }
    cur = next;
  }
  return cur;
}
