import { attrInt } from '../../graph/attribute';
import type { DataTypeContext, InferenceContext } from '../op-schema';
import { type DataType, smallestIntTypeForRange } from '../../datatype/datatype';
import { formatShape, type Dim, type TensorType, tensorType } from '../../graph/value-type';

/**
 * The domain of scanflow's hardware layers. Not FINN's `finn.custom_op.fpgadataflow`: our layers
 * keep weights as [MH, MW] (rows = output channels) and carry different attributes, so a FINN tool
 * must not mistake them for its own.
 */
export const HW_DOMAIN = 'scanflow.hw';

/** Folding attributes shared by the streaming layers. */
export const foldingAttrs = {
  pe: { type: 'int', default: 1, description: 'Output channels (MVAU) or channels (other layers) processed per cycle.' },
} as const;

/** How a layer's products are built (read by @scanflow/hls-backend; chosen by folding). */
export const multiplierAttrs = {
  mult_impl: { type: 'string', default: 'auto', description: "Multipliers: 'auto' (Vitis HLS chooses; estimated as LUTs up to 10 × 10 bits), 'lut' (fabric) or 'dsp' (DSP slices)." },
} as const;

/** How a layer applies thresholds (read by @scanflow/hls-backend; chosen by folding). */
export const thresholdMethodAttrs = {
  threshold_impl: {
    type: 'string',
    default: 'auto',
    description: "Threshold method: 'compare-all' (a comparator per threshold and a count: any thresholds, short latency), 'search' (binary search: sorted rows only, far smaller) or 'auto'.",
  },
} as const;

/** An int attribute that must be ≥ 1. */
export function positiveAttr(ctx: InferenceContext, name: string, fallback?: number): number {
  const v = attrInt(ctx.node, name, fallback);
  if (!Number.isInteger(v) || v < 1) ctx.fail(`${ctx.node.opType}: attribute ${name} = ${v}, expected an integer ≥ 1`);
  return v;
}

/** Checks that `n` is divisible by the folding factor `f` named `fname`. */
export function requireFold(ctx: InferenceContext, what: string, n: number, fname: string, f: number): void {
  if (n % f !== 0) ctx.fail(`${ctx.node.opType}: ${what} = ${n} is not divisible by ${fname} = ${f}`);
}

/** Checks that the last dimension of input `i` equals `c` (the stream's channels per vector). */
export function requireChannelsLast(ctx: InferenceContext, i: number, c: number, what: string): Dim[] | undefined {
  const t = ctx.tensorInput(i);
  const shape = t?.shape ? [...t.shape] : undefined;
  if (!shape) return undefined;
  if (shape.length === 0) ctx.fail(`${ctx.node.opType}: ${what} '${ctx.node.inputs[i]}' is a scalar, expected [..., ${c}]`);
  const last = shape[shape.length - 1];
  if (typeof last === 'number' && last !== c) {
    ctx.fail(`${ctx.node.opType}: ${what} '${ctx.node.inputs[i]}' has shape ${formatShape(shape)}, expected the last dimension to be ${c}`);
  }
  return shape;
}

/** The attributes of a streaming layer over `channels` channels, with its PE. */
export const channelAttrs = {
  channels: { type: 'int', required: true, description: 'Channels per vector (the last dimension).' },
  ...foldingAttrs,
} as const;

/**
 * Checks a channel-last streaming layer (`channels`, `pe` dividing it, input `0` of shape [..., C])
 * and returns the channel count and the type its outputs have (the input's).
 */
export function channelStream(ctx: InferenceContext, what = 'input'): { channels: number; shape: Dim[] | undefined; type: TensorType | undefined } {
  const channels = positiveAttr(ctx, 'channels');
  requireFold(ctx, 'channels', channels, 'pe', positiveAttr(ctx, 'pe', 1));
  const shape = requireChannelsLast(ctx, 0, channels, what);
  const x = ctx.tensorInput(0);
  return { channels, shape, type: x ? tensorType(x.elemType, shape) : undefined };
}

/**
 * Datatype of a threshold stage: the smallest INT/UINT holding [out_bias, out_bias + NT], NT read
 * from the threshold table (input `tIndex`); undefined when the table's shape is unknown.
 */
export function thresholdCountType(ctx: DataTypeContext, tIndex: number): DataType | undefined {
  const t = ctx.graph.typeOf(ctx.node.inputs[tIndex]);
  const steps = t?.kind === 'tensor' && typeof t.shape?.[1] === 'number' ? t.shape[1] : ctx.constant(tIndex)?.dims[1];
  const bias = attrInt(ctx.node, 'out_bias', 0);
  return steps === undefined ? undefined : smallestIntTypeForRange(bias, bias + steps);
}
