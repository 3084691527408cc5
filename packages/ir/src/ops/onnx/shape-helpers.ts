import type { Node } from '../../graph/node';
import { formatShape, type Dim, type TensorType, type ValueType } from '../../graph/value-type';
import type { ElemType } from '../../tensor/elem-type';
import type { Tensor } from '../../tensor/tensor';
import type { InferenceContext } from '../op-schema';

/** A tensor type; `shape` undefined means the rank is unknown. */
export function tensorOf(elemType: ElemType, shape?: Dim[]): TensorType {
  return shape === undefined ? { kind: 'tensor', elemType } : { kind: 'tensor', elemType, shape: [...shape] };
}

/** The same elem type as `t` with a new shape (undefined when `t` is unknown). */
export function withShape(t: TensorType | undefined, shape: Dim[] | undefined): TensorType | undefined {
  return t ? tensorOf(t.elemType, shape) : undefined;
}

/** A copy of a value type (undefined stays undefined). */
export function copyType(t: ValueType | undefined): ValueType | undefined {
  if (!t) return undefined;
  return t.kind === 'tensor' || t.kind === 'sparseTensor' ? { ...t, ...(t.shape ? { shape: [...t.shape] } : {}) } : { ...t };
}

/** `n` unknown dimensions. */
export function unknownDims(n: number): Dim[] {
  return Array.from({ length: n }, () => null);
}

/** Two dimensions that are certainly the same (equal numbers or the same symbol). */
export function sameDim(a: Dim, b: Dim): boolean {
  return a !== null && a === b;
}

/** Two dimensions that are certainly different (two different numbers). */
export function conflict(a: Dim, b: Dim): boolean {
  return typeof a === 'number' && typeof b === 'number' && a !== b;
}

/** The better-known of two dimensions that must be equal (number over symbol over unknown). */
export function unifyDim(a: Dim, b: Dim): Dim {
  if (typeof a === 'number') return a;
  if (typeof b === 'number') return b;
  return a ?? b;
}

/** Product of dimensions: a number when all are known; a symbol when it is the only factor ≠ 1; else unknown. */
export function dimProduct(dims: readonly Dim[]): Dim {
  let n = 1;
  let sym: Dim | undefined;
  for (const d of dims) {
    if (d === 0) return 0;
    if (typeof d === 'number') n *= d;
    else if (sym === undefined && d !== null) sym = d;
    else return dims.includes(0) ? 0 : null;
  }
  if (sym === undefined) return n;
  return n === 1 ? sym : null;
}

/** Sum of dimensions: a number when all are known, else unknown. */
export function dimSum(dims: readonly Dim[]): Dim {
  let n = 0;
  for (const d of dims) {
    if (typeof d !== 'number') return null;
    n += d;
  }
  return n;
}

/** Normalises an axis in [-rank, rank - 1] to [0, rank - 1], failing with a message that names the op. */
export function normAxis(ctx: InferenceContext, axis: number, rank: number, what = 'axis'): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    ctx.fail(`${ctx.node.opType}: ${what} ${axis} is out of range for rank ${rank} (expected ${-rank} to ${rank - 1})`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Normalises a list of axes and rejects duplicates. */
export function normAxes(ctx: InferenceContext, axes: readonly number[], rank: number, what = 'axes'): number[] {
  const out = axes.map((a) => normAxis(ctx, a, rank, what === 'axes' ? 'axis' : what));
  if (new Set(out).size !== out.length) ctx.fail(`${ctx.node.opType}: ${what} [${axes.join(', ')}] repeat an axis`);
  return out;
}

/** Clamps a bigint to the safe integer range (int64 "infinite" slice ends stay huge but finite). */
export function clampBig(v: bigint): number {
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  if (v > max) return Number.MAX_SAFE_INTEGER;
  if (v < -max) return -Number.MAX_SAFE_INTEGER;
  return Number(v);
}

/** The elements of an integer tensor as numbers (int64 extremes clamped to the safe range). */
export function tensorInts(t: Tensor): number[] | undefined {
  const d = t.data;
  if (Array.isArray(d)) return undefined;
  const out: number[] = [];
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    out.push(typeof v === 'bigint' ? clampBig(v) : Math.trunc(v));
  }
  return out;
}

/** Input `i` as integers when its value is known (initializer, Constant, folded), else undefined. */
export function constInts(ctx: InferenceContext, i: number): number[] | undefined {
  const t = ctx.constant(i);
  return t ? tensorInts(t) : undefined;
}

/** Input `i` as numbers when its value is known. */
export function constNumbers(ctx: InferenceContext, i: number): number[] | undefined {
  const t = ctx.constant(i);
  if (!t || Array.isArray(t.data)) return undefined;
  return Array.from(t.data as ArrayLike<number | bigint>, (v) => (typeof v === 'bigint' ? clampBig(v) : v));
}

/** An ints attribute read without the safe-range check (int64 extremes clamped), or undefined. */
export function rawAttrInts(node: Node, name: string): number[] | undefined {
  const a = node.attributes.get(name);
  if (!a) return undefined;
  if (a.type !== 'ints') throw new Error(`attribute '${name}' is ${a.type}, expected ints`);
  return a.value.map(clampBig);
}

/** The length of a 1-D input (e.g. a shape or axes tensor) when its shape is known. */
export function length1d(ctx: InferenceContext, i: number): number | undefined {
  const s = ctx.tensorInput(i)?.shape;
  if (s && s.length === 1 && typeof s[0] === 'number') return s[0];
  if (s && s.length === 0) return 1;
  return undefined;
}

/** The first known elem type among the given inputs. */
export function firstElemType(ctx: InferenceContext, inputs: number[]): ElemType | undefined {
  for (const i of inputs) {
    const t = ctx.tensorInput(i);
    if (t) return t.elemType;
  }
  return undefined;
}

/** Fails unless every known elem type among `inputs` is the same; returns it. */
export function sameElemType(ctx: InferenceContext, inputs: number[]): ElemType | undefined {
  let found: ElemType | undefined;
  for (const i of inputs) {
    const t = ctx.tensorInput(i);
    if (!t) continue;
    if (found && t.elemType !== found) ctx.fail(`${ctx.node.opType}: input types ${found} and ${t.elemType} differ (expected the same element type)`);
    found ??= t.elemType;
  }
  return found;
}

/** Combines two dimensions under numpy broadcasting, or returns 'clash' when they cannot broadcast. */
export function broadcastDim(a: Dim, b: Dim): Dim | 'clash' {
  if (a === 1) return b;
  if (b === 1) return a;
  if (typeof a === 'number' && typeof b === 'number') return a === b ? a : 'clash';
  // A known size other than 1 wins: the other side is either 1 or the same size.
  if (typeof a === 'number') return a;
  if (typeof b === 'number') return b;
  return a !== null && a === b ? a : null;
}

/** Multidirectional (numpy) broadcasting of several shapes; undefined if any rank is unknown. */
export function broadcastShapes(ctx: InferenceContext, shapes: (Dim[] | undefined)[]): Dim[] | undefined {
  if (shapes.some((s) => s === undefined)) return undefined;
  const all = shapes as Dim[][];
  const rank = Math.max(0, ...all.map((s) => s.length));
  const out: Dim[] = [];
  for (let k = 0; k < rank; k++) {
    let d: Dim = 1;
    for (const s of all) {
      const j = s.length - rank + k;
      if (j < 0) continue;
      const r = broadcastDim(d, s[j]);
      if (r === 'clash') {
        ctx.fail(`${ctx.node.opType}: shapes ${all.map(formatShape).join(' and ')} cannot be broadcast (dimension ${d} against ${s[j]})`);
      }
      d = r;
    }
    out.push(d);
  }
  return out;
}

/** Unidirectional broadcasting: `from` must broadcast to `to` (Gemm's C, PRelu's slope ...). */
export function checkUnidirectional(ctx: InferenceContext, from: Dim[] | undefined, to: Dim[] | undefined, what: string): void {
  if (!from || !to) return;
  if (from.length > to.length) ctx.fail(`${ctx.node.opType}: ${what} of shape ${formatShape(from)} cannot broadcast to ${formatShape(to)}`);
  from.forEach((d, k) => {
    const t = to[to.length - from.length + k];
    if (typeof d === 'number' && d !== 1 && typeof t === 'number' && t !== d) {
      ctx.fail(`${ctx.node.opType}: ${what} of shape ${formatShape(from)} cannot broadcast to ${formatShape(to)}`);
    }
  });
}

/** Merges shapes that must be equal (Max-6, BatchNorm stats ...), failing on a known mismatch. */
export function mergeEqualShapes(ctx: InferenceContext, shapes: (Dim[] | undefined)[]): Dim[] | undefined {
  let out: Dim[] | undefined;
  for (const s of shapes) {
    if (!s) continue;
    if (!out) {
      out = [...s];
      continue;
    }
    if (s.length !== out.length || s.some((d, k) => conflict(d, out![k]))) {
      ctx.fail(`${ctx.node.opType}: input shapes ${formatShape(out)} and ${formatShape(s)} differ (expected equal shapes)`);
    }
    out = out.map((d, k) => unifyDim(d, s[k]));
  }
  return out;
}
