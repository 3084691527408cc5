import { parseDataType } from '../datatype/datatype';
import { attrFloat, attrString } from '../graph/attribute';
import { toNumbers } from '../tensor/tensor';
import { type Interval, joinIntervals, type RangeContext } from './op-traits';

/**
 * Interval rules shared by the core ops' `ranges` hooks (integer range analysis: which values are
 * integers, and in which interval). `-0` is normalised to 0 so that intervals print and compare
 * plainly.
 */

/** The interval of a list of values when every one is an integer. */
export function spanOf(values: readonly number[]): Interval | undefined {
  if (!values.length || !values.every((v) => Number.isInteger(v))) return undefined;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return { lo, hi };
}

/** {a · b : a ∈ A, b ∈ B}. */
export function productInterval(a: Interval, b: Interval): Interval {
  const c = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
  return { lo: Math.min(...c) + 0, hi: Math.max(...c) + 0 };
}

/**
 * Range of Σ_k w_k · x_k per row of a constant matrix stored row by row (`rows` × `k`), every x_k
 * in `x`; `includeZero` widens every term to include 0 (zero padding of a convolution).
 */
export function dotInterval(w: readonly number[], rows: number, k: number, x: Interval, includeZero: boolean): Interval {
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = 0; r < rows; r++) {
    let a = 0;
    let b = 0;
    for (let j = 0; j < k; j++) {
      const v = w[r * k + j];
      const p = v * x.lo;
      const q = v * x.hi;
      a += includeZero ? Math.min(p, q, 0) : Math.min(p, q);
      b += includeZero ? Math.max(p, q, 0) : Math.max(p, q);
    }
    lo = Math.min(lo, a);
    hi = Math.max(hi, b);
  }
  return { lo: lo + 0, hi: hi + 0 };
}

/** a + b. */
export function sumRanges(ctx: RangeContext): (Interval | undefined)[] | undefined {
  const a = ctx.range(0);
  const b = ctx.range(1);
  return a && b ? [{ lo: a.lo + b.lo, hi: a.hi + b.hi }] : undefined;
}

/** a − b. */
export function differenceRanges(ctx: RangeContext): (Interval | undefined)[] | undefined {
  const a = ctx.range(0);
  const b = ctx.range(1);
  return a && b ? [{ lo: a.lo - b.hi, hi: a.hi - b.lo }] : undefined;
}

/** a · b. */
export function productRanges(ctx: RangeContext): (Interval | undefined)[] | undefined {
  const a = ctx.range(0);
  const b = ctx.range(1);
  return a && b ? [productInterval(a, b)] : undefined;
}

/** Every output within the first input's interval (max-pooling, Relu's upper side handled by its own rule). */
export function firstInputRange(ctx: RangeContext): (Interval | undefined)[] | undefined {
  const a = ctx.range(0);
  return a ? [a] : undefined;
}

/** −x. */
export function negatedRanges(ctx: RangeContext): (Interval | undefined)[] | undefined {
  const a = ctx.range(0);
  return a ? [{ lo: -a.hi + 0, hi: -a.lo + 0 }] : undefined;
}

/** max(x, 0). */
export function reluRanges(ctx: RangeContext): (Interval | undefined)[] | undefined {
  const a = ctx.range(0);
  return a ? [{ lo: Math.max(0, a.lo), hi: Math.max(0, a.hi) }] : undefined;
}

/** MatMul with one constant 2-D operand: each output is a dot product of a weight row (or column) with the other operand. */
export function matMulRanges(ctx: RangeContext): (Interval | undefined)[] | undefined {
  const A = ctx.constant(0);
  const B = ctx.constant(1);
  const a = ctx.range(0);
  const b = ctx.range(1);
  if (!a || !b) return undefined;
  if (A && A.rank === 2 && !B) return [dotInterval(toNumbers(A), A.dims[0], A.dims[1], b, false)];
  if (B && B.rank === 2 && !A) {
    // rows of Bᵀ: column j of B
    const [k, n] = B.dims;
    const v = toNumbers(B);
    const t: number[] = [];
    for (let j = 0; j < n; j++) for (let i = 0; i < k; i++) t.push(v[i * n + j]);
    return [dotInterval(t, n, k, a, false)];
  }
  return undefined;
}

/** Conv without bias and constant weights: a dot product per output channel, zero padding included. */
export function convRanges(ctx: RangeContext): (Interval | undefined)[] | undefined {
  const W = ctx.constant(1);
  const x = ctx.range(0);
  if (!W || !x || ctx.node.inputs[2]) return undefined;
  const cout = W.dims[0];
  return [dotInterval(toNumbers(W), cout, W.size / cout, x, true)];
}

/**
 * MultiThreshold with integer out_scale / out_bias: out_bias + out_scale · [0, S] for S thresholds
 * per channel; with `declaredTypes`, joined with the range of its integer out_dtype.
 */
export function multiThresholdRanges(ctx: RangeContext): (Interval | undefined)[] | undefined {
  const node = ctx.node;
  const s = attrFloat(node, 'out_scale', 1);
  const b = attrFloat(node, 'out_bias', 0);
  const t = ctx.constant(1);
  const steps = t && t.rank === 2 ? t.dims[1] : undefined;
  if (!Number.isInteger(s) || !Number.isInteger(b) || steps === undefined) return undefined;
  const own = { lo: b + Math.min(0, s * steps), hi: b + Math.max(0, s * steps) };
  if (!ctx.declaredTypes) return [own];
  let dt;
  try {
    dt = parseDataType(attrString(node, 'out_dtype', 'FLOAT32'));
  } catch {
    return [own];
  }
  return [dt.isInteger ? joinIntervals(own, { lo: dt.min, hi: dt.max }) : own];
}
