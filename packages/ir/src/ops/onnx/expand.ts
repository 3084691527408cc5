import { defineOp, type OpSchema } from '../op-schema';
import { keepFirstDataType } from './datatype-rules';
import { broadcastShapes, constInts, length1d, tensorOf, unknownDims } from './shape-helpers';

/** Expand: broadcasts the input against the given shape (numpy rules, so the rank can grow). */
export const expandOps: OpSchema[] = [
  defineOp({
    domain: '',
    opType: 'Expand',
    traits: { dataMovement: { kind: 'select' } },
    since: 8,
    inputs: [2, 2],
    outputs: [1, 1],
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      if (!x) return [undefined];
      const target = constInts(ctx, 1);
      if (target) return [tensorOf(x.elemType, broadcastShapes(ctx, [x.shape, target]))];
      const n = length1d(ctx, 1);
      if (n === undefined || !x.shape) return [tensorOf(x.elemType)];
      return [tensorOf(x.elemType, broadcastShapes(ctx, [x.shape, unknownDims(n)]))];
    },
    inferDataTypes: keepFirstDataType,
  }),
];
