import { attrInt } from '../../graph/attribute';
import type { Node } from '../../graph/node';
import type { InferenceContext } from '../op-schema';
import { formatShape, type Dim } from '../../graph/value-type';

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

/** The number of channels of a streaming layer (`channels`). */
export function channelsOf(node: Node): number {
  return attrInt(node, 'channels');
}
