import { matMulRanges } from '../interval-rules';
import { formatShape, type Dim } from '../../graph/value-type';
import { defineOp, type InferenceContext, type OpSchema } from '../op-schema';
import { macDataType } from './datatype-rules';
import { broadcastShapes, conflict, sameElemType, tensorOf } from './shape-helpers';

/**
 * numpy matmul shape rules: a 1-D A gains a leading 1 and a 1-D B a trailing 1 (removed again
 * from the result); the batch dimensions broadcast; A's last dimension must equal B's second-last.
 */
export function matmulShape(ctx: InferenceContext, a: Dim[] | undefined, b: Dim[] | undefined): Dim[] | undefined {
  const op = ctx.node.opType;
  if (a?.length === 0 || b?.length === 0) ctx.fail(`${op}: input ${a?.length === 0 ? 'A' : 'B'} is a scalar, expected rank >= 1`);
  if (!a || !b) return undefined;
  const a2 = a.length === 1 ? [1, a[0]] : a;
  const b2 = b.length === 1 ? [b[0], 1] : b;
  const ka = a2[a2.length - 1];
  const kb = b2[b2.length - 2];
  if (conflict(ka, kb)) ctx.fail(`${op}: inner dimensions ${ka} and ${kb} differ (A ${formatShape(a)}, B ${formatShape(b)})`);
  const batch = broadcastShapes(ctx, [a2.slice(0, -2), b2.slice(0, -2)])!;
  const out = [...batch];
  if (a.length > 1) out.push(a2[a2.length - 2]);
  if (b.length > 1) out.push(b2[b2.length - 1]);
  return out;
}

/** MatMul: numpy-style matrix product (batched, broadcasting). */
export const matMulOps: OpSchema[] = [
  defineOp({
    domain: '',
    opType: 'MatMul',
    traits: { scaleCommuting: 'linear', contraction: true, ranges: matMulRanges },
    since: 1,
    inputs: [2, 2],
    outputs: [1, 1],
    inferTypes(ctx) {
      const elem = sameElemType(ctx, [0, 1]);
      const shape = matmulShape(ctx, ctx.tensorInput(0)?.shape, ctx.tensorInput(1)?.shape);
      return [elem ? tensorOf(elem, shape) : undefined];
    },
    inferDataTypes: macDataType,
  }),
];
