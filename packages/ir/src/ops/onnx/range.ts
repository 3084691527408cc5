import { defineOp, type OpSchema } from '../op-schema';
import { constNumbers, sameElemType, tensorOf } from './shape-helpers';

/** Range: [start, start + delta, ...) up to limit; length max(ceil((limit - start) / delta), 0). */
export const rangeOps: OpSchema[] = [
  defineOp({
    domain: '',
    opType: 'Range',
    since: 11,
    inputs: [3, 3],
    outputs: [1, 1],
    inferTypes(ctx) {
      for (const i of [0, 1, 2]) {
        const s = ctx.tensorInput(i)?.shape;
        if (s && s.length !== 0) ctx.fail(`Range: input ${i} must be a scalar, got rank ${s.length}`);
      }
      const elem = sameElemType(ctx, [0, 1, 2]);
      if (!elem) return [undefined];
      const [start, limit, delta] = [0, 1, 2].map((i) => constNumbers(ctx, i)?.[0]);
      if (start === undefined || limit === undefined || delta === undefined) return [tensorOf(elem, [null])];
      if (delta === 0) ctx.fail('Range: delta is 0');
      return [tensorOf(elem, [Math.max(Math.ceil((limit - start) / delta), 0)])];
    },
  }),
];
