import { attrInt, attrInts, attrString } from '../../graph/attribute';
import type { Dim } from '../../graph/value-type';
import type { AttributeSpec, InferenceContext } from '../op-schema';

/** Attribute specs shared by Conv and the pooling ops. */
export const autoPadSpec: AttributeSpec = {
  type: 'string',
  default: 'NOTSET',
  allowed: ['NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID'],
  description: 'NOTSET: use pads; SAME_*: output = ceil(input / stride), the odd padding at the end (UPPER) or start (LOWER); VALID: no padding.',
};
export const padsSpec: AttributeSpec = { type: 'ints', description: '[x1_begin, x2_begin, ..., x1_end, x2_end, ...] (default 0).' };
export const stridesSpec: AttributeSpec = { type: 'ints', description: 'Stride along each spatial axis (default 1).' };
export const dilationsSpec: AttributeSpec = { type: 'ints', description: 'Dilation along each spatial axis (default 1).' };
export const ceilModeSpec: AttributeSpec = { type: 'int', default: 0, allowed: [0, 1], description: 'Round the output size up instead of down.' };

/** A sliding window over the spatial axes: kernel, strides, dilations, pads and rounding. */
export interface Window {
  kernel: number[];
  strides: number[];
  dilations: number[];
  /** 2n values: begins then ends. */
  pads: number[];
  autoPad: string;
  ceilMode: boolean;
}

/** Reads and checks the window attributes for `n` spatial axes. */
export function readWindow(ctx: InferenceContext, n: number, kernel: number[]): Window {
  const op = ctx.node.opType;
  const ones = Array.from({ length: n }, () => 1);
  const has = (name: string): boolean => ctx.node.attributes.has(name);
  const strides = has('strides') ? attrInts(ctx.node, 'strides') : ones;
  const dilations = has('dilations') ? attrInts(ctx.node, 'dilations') : ones;
  const autoPad = attrString(ctx.node, 'auto_pad', 'NOTSET');
  const pads = has('pads') && autoPad === 'NOTSET' ? attrInts(ctx.node, 'pads') : Array.from({ length: 2 * n }, () => 0);
  if (kernel.length !== n) ctx.fail(`${op}: kernel_shape has ${kernel.length} values for ${n} spatial axes`);
  if (strides.length !== n) ctx.fail(`${op}: strides has ${strides.length} values for ${n} spatial axes`);
  if (dilations.length !== n) ctx.fail(`${op}: dilations has ${dilations.length} values for ${n} spatial axes`);
  if (pads.length !== 2 * n) ctx.fail(`${op}: pads has ${pads.length} values, expected ${2 * n} (begin and end for ${n} spatial axes)`);
  if (strides.some((s) => s < 1)) ctx.fail(`${op}: strides [${strides.join(', ')}] must be positive`);
  if (dilations.some((s) => s < 1)) ctx.fail(`${op}: dilations [${dilations.join(', ')}] must be positive`);
  if (kernel.some((s) => s < 1)) ctx.fail(`${op}: kernel_shape [${kernel.join(', ')}] must be positive`);
  if (!['NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID'].includes(autoPad)) ctx.fail(`${op}: auto_pad '${autoPad}' is not NOTSET, SAME_UPPER, SAME_LOWER or VALID`);
  return { kernel, strides, dilations, pads, autoPad, ceilMode: attrInt(ctx.node, 'ceil_mode', 0) === 1 };
}

/** Output size of one spatial axis of size `d`. */
export function windowOutput(ctx: InferenceContext, d: Dim, w: Window, k: number): Dim {
  const n = w.kernel.length;
  const s = w.strides[k];
  const span = (w.kernel[k] - 1) * w.dilations[k] + 1;
  if (w.autoPad === 'SAME_UPPER' || w.autoPad === 'SAME_LOWER') {
    if (typeof d === 'number') return Math.ceil(d / s);
    return s === 1 ? d : null;
  }
  const pb = w.pads[k];
  const pe = w.pads[k + n];
  if (typeof d !== 'number') return s === 1 && pb + pe === span - 1 ? d : null;
  const room = d + pb + pe - span;
  if (room < 0) ctx.fail(`${ctx.node.opType}: the window (${span} wide with dilation) is larger than spatial axis ${k} (${d} + padding ${pb + pe})`);
  let out = (w.ceilMode ? Math.ceil(room / s) : Math.floor(room / s)) + 1;
  // With ceil_mode a last window that would start inside the end padding is dropped.
  if (w.ceilMode && (out - 1) * s >= d + pb) out -= 1;
  return out;
}
