import { defineOp, type OpSchema } from '../op-schema';
import { roundMode, saturate } from './cast';
import { tensorOf } from './shape-helpers';

function castLikeOp(since: number): OpSchema {
  return defineOp({
    domain: '',
    opType: 'CastLike',
    traits: { elementwise: { broadcast: 'none' } },
    since,
    inputs: [2, 2],
    outputs: [1, 1],
    description: "Converts input 0 to input 1's element type; the shape is input 0's.",
    ...(since >= 19 ? { attributes: { saturate, ...(since >= 24 ? { round_mode: roundMode } : {}) } } : {}),
    inferTypes(ctx) {
      const like = ctx.tensorInput(1);
      return [like ? tensorOf(like.elemType, ctx.tensorInput(0)?.shape) : undefined];
    },
  });
}

export const castLikeOps: OpSchema[] = [castLikeOp(15), castLikeOp(19), castLikeOp(24)];
