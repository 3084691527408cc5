import { attrInt, type Node, Tensor } from '@scanflow/ir';
import { readNumbers } from '../../helpers/numeric';
import type { KernelContext } from '../../kernel';

/**
 * Shared pieces of the hardware-layer kernels (domain scanflow.hw, docs/hardware-layers.md).
 * Values are integers in float containers; every kernel computes in JS numbers, which stay exact
 * below 2^53, and writes into the input's container type.
 */

export type FloatData = Float32Array | Float64Array;

/** A positive int attribute, failing with the node's name otherwise. */
export function positiveIntAttr(node: Node, ctx: KernelContext, name: string, fallback?: number): number {
  const v = attrInt(node, name, fallback);
  if (!Number.isInteger(v) || v < 1) ctx.fail(`attribute ${name} = ${v}, expected an integer ≥ 1`);
  return v;
}

function dimsText(t: Tensor): string {
  return `[${t.dims.join(', ')}]`;
}

/** Checks that `t` is a float stream whose last dimension is `channels`; returns its elements. */
export function readStream(t: Tensor | undefined, channels: number, what: string, attr: string, ctx: KernelContext): FloatData {
  if (!t) return ctx.fail(`input ${what} is missing`);
  if (t.elemType !== 'float32' && t.elemType !== 'float64') ctx.fail(`input ${what} has type ${t.elemType}; hardware layers take float32 containers of integers`);
  if (t.rank === 0 || t.dims[t.rank - 1] !== channels) {
    ctx.fail(`input ${what} has shape ${dimsText(t)}, expected the last dimension (channels) to be ${attr} = ${channels}`);
  }
  return t.data as FloatData;
}

/** Reads a threshold matrix [rows or 1, NT]; `rows` is the channel count it must match. */
export function readThresholds(t: Tensor, rows: number, ctx: KernelContext): { data: ArrayLike<number>; shared: boolean; steps: number } {
  if (t.rank !== 2 || (t.dims[0] !== rows && t.dims[0] !== 1)) ctx.fail(`thresholds have shape ${dimsText(t)}, expected [${rows} or 1, steps]`);
  return { data: readNumbers(t), shared: t.dims[0] === 1 && rows !== 1, steps: t.dims[1] };
}

/** #{k : v ≥ T[row][k]} (rows need not be sorted: the hardware counts). */
export function countAtLeast(v: number, t: ArrayLike<number>, row: number, steps: number): number {
  const base = row * steps;
  let count = 0;
  for (let k = 0; k < steps; k++) if (v >= t[base + k]) count++;
  return count;
}

/** A zeroed container of the same float type as `like`. */
export function allocLike(like: Tensor, size: number): FloatData {
  return like.elemType === 'float64' ? new Float64Array(size) : new Float32Array(size);
}
