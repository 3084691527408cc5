import { Tensor, toNumbers } from '../tensor/tensor';
import type { Model } from './model';

/**
 * A named precondition: an assumption a stage of the flow makes about the model's inputs, under
 * which it computes exactly what the original model computes. The flow records each one where it
 * introduces it (e.g. the hardware quantises an initial state onto the grid of the state the cell
 * produces); `verify` checks every stage on inputs that meet the preconditions and reports apart how
 * far results move on inputs that do not.
 */
export interface GridPrecondition {
  kind: 'on-grid';
  /** The value the precondition is about. */
  value: string;
  /** Whether `value` is an input of the main graph (then inputs can be projected onto the grid). */
  graphInput: boolean;
  /** The grid's scale: one value, or one per channel along `axis`. */
  scale: number[];
  axis?: number;
  /** The integer range of the grid: value = scale · n with n in [lo, hi]. */
  lo: number;
  hi: number;
  /** What the hardware does at the boundary and why, in words. */
  description: string;
  /** The pass that introduced it. */
  pass: string;
}

export type Precondition = GridPrecondition;

const KEY = 'scanflow.preconditions';

/** The preconditions recorded in a model (its metadata), in the order they were added. */
export function readPreconditions(model: Model): Precondition[] {
  const entry = model.metadataProps.find(([k]) => k === KEY);
  if (!entry) return [];
  try {
    const list = JSON.parse(entry[1]) as unknown;
    return Array.isArray(list) ? (list as Precondition[]) : [];
  } catch {
    return [];
  }
}

/** Records a precondition (one per value: a later one for the same value replaces it). */
export function addPrecondition(model: Model, p: Precondition): void {
  const list = readPreconditions(model).filter((q) => q.value !== p.value);
  list.push(p);
  const text = JSON.stringify(list);
  const at = model.metadataProps.findIndex(([k]) => k === KEY);
  if (at >= 0) model.metadataProps[at] = [KEY, text];
  else model.metadataProps.push([KEY, text]);
}

/** Round half to even. */
function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * `t` moved onto the grid of `p` (float32 arithmetic, as a Quant with that scale and range
 * computes: n = clamp(round_half_even(x / s), lo, hi), value = n · s).
 */
export function projectOntoGrid(p: GridPrecondition, t: Tensor): Tensor {
  const v = toNumbers(t);
  const dims = t.dims;
  const axis = p.axis ?? 0;
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const channels = dims[axis] ?? 1;
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const s = Math.fround(p.scale.length === 1 ? p.scale[0]! : p.scale[Math.floor(i / inner) % channels]!);
    const q = Math.fround(v[i]! / s);
    const n = rint(Math.min(Math.max(q, p.lo), p.hi));
    out[i] = Math.fround(n * s);
  }
  return new Tensor('float32', dims, out);
}

/** Whether every element of `t` already lies on the grid of `p`. */
export function onGrid(p: GridPrecondition, t: Tensor): boolean {
  const a = toNumbers(t);
  const b = toNumbers(projectOntoGrid(p, t));
  return a.every((x, i) => x === b[i]);
}
