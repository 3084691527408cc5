import { SimulationError } from '../errors';

/** Numpy-style multidirectional broadcast of several shapes. */
export function broadcastShapes(shapes: readonly (readonly number[])[], what = 'broadcast'): number[] {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(rank).fill(1);
  for (const s of shapes) {
    const off = rank - s.length;
    for (let i = 0; i < s.length; i++) {
      const d = s[i];
      const o = out[off + i];
      if (o === d || d === 1) continue;
      if (o === 1) out[off + i] = d;
      else throw new SimulationError(`${what}: shapes ${shapes.map((x) => `[${x.join(', ')}]`).join(' and ')} cannot be broadcast`);
    }
  }
  return out;
}

/** Row-major strides of a shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const st = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    st[i] = acc;
    acc *= shape[i];
  }
  return st;
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * For every flat index of `outShape`, the flat index of the element of a tensor of shape
 * `inShape` that broadcasts onto it. Returns undefined when the shapes are equal (identity).
 */
export function broadcastIndex(inShape: readonly number[], outShape: readonly number[]): Int32Array | undefined {
  if (inShape.length === outShape.length && inShape.every((d, i) => d === outShape[i])) return undefined;
  const n = sizeOf(outShape);
  const idx = new Int32Array(n);
  const rank = outShape.length;
  const off = rank - inShape.length;
  const inStrides = stridesOf(inShape);
  // effective stride per output axis (0 where the input is broadcast)
  const eff = new Array<number>(rank).fill(0);
  for (let i = 0; i < inShape.length; i++) eff[off + i] = inShape[i] === 1 ? 0 : inStrides[i];
  const counter = new Array<number>(rank).fill(0);
  let cur = 0;
  for (let k = 0; k < n; k++) {
    idx[k] = cur;
    for (let a = rank - 1; a >= 0; a--) {
      counter[a]++;
      cur += eff[a];
      if (counter[a] < outShape[a]) break;
      cur -= eff[a] * outShape[a];
      counter[a] = 0;
    }
  }
  return idx;
}

/** Normalises a possibly negative axis against a rank, with a clear error when out of range. */
export function normalizeAxis(axis: number, rank: number, what = 'axis'): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(a) || a < 0 || a >= Math.max(rank, 1)) throw new SimulationError(`${what} ${axis} is out of range for rank ${rank}`);
  return a;
}
