import { attrInt } from '../../graph/attribute';
import { Tensor } from '../../tensor/tensor';
import { defineOp, type InferenceContext, type OpSchema } from '../op-schema';
import { tensorOf } from './shape-helpers';

/** The [start, end) range of dimensions Shape returns (opset 15 attributes), clamped as the spec says. */
function range(ctx: InferenceContext, rank: number): [number, number] {
  const clamp = (v: number): number => Math.min(Math.max(v < 0 ? v + rank : v, 0), rank);
  return [clamp(attrInt(ctx.node, 'start', 0)), clamp(attrInt(ctx.node, 'end', rank))];
}

function shapeOp(since: number): OpSchema {
  return defineOp({
    domain: '',
    opType: 'Shape',
    since,
    inputs: [1, 1],
    outputs: [1, 1],
    description: 'The shape of the input as a 1-D int64 tensor (from opset 15, the dimensions start..end).',
    ...(since >= 15
      ? {
          attributes: {
            start: { type: 'int', default: 0, description: 'First dimension (negative counts from the back).' },
            end: { type: 'int', description: 'One past the last dimension (default: the rank).' },
          },
        }
      : {}),
    inferTypes(ctx) {
      const s = ctx.input(0)?.kind === 'tensor' ? ctx.tensorInput(0)?.shape : undefined;
      if (!s) return [tensorOf('int64', [null])];
      const [a, b] = range(ctx, s.length);
      return [tensorOf('int64', [Math.max(b - a, 0)])];
    },
    inferValues(ctx) {
      const s = ctx.tensorInput(0)?.shape;
      if (!s) return undefined;
      const [a, b] = range(ctx, s.length);
      const dims = s.slice(a, Math.max(a, b));
      if (!dims.every((d) => typeof d === 'number')) return undefined;
      return [Tensor.int64([dims.length], dims as number[])];
    },
  });
}

/** Shape (opset 1; 15 adds start / end). */
export const shapeOps: OpSchema[] = [shapeOp(1), shapeOp(15)];
