import { defineOp, type OpSchema } from '../op-schema';
import { coveringIntType } from './datatype-rules';
import { broadcastShapes, sameElemType, tensorOf } from './shape-helpers';

/** Where: picks x where the condition holds, else y; the three inputs broadcast together. */
function whereOp(since: number): OpSchema {
  return defineOp({
    domain: '',
    opType: 'Where',
    traits: { elementwise: { broadcast: 'numpy' } },
    since,
    inputs: [3, 3],
    outputs: [1, 1],
    description: 'y = condition ? x : y, with numpy broadcasting.',
    inferTypes(ctx) {
      const c = ctx.tensorInput(0);
      if (c && c.elemType !== 'bool') ctx.fail(`Where: condition is ${c.elemType}, expected bool`);
      const elem = sameElemType(ctx, [1, 2]);
      const shape = broadcastShapes(ctx, [0, 1, 2].map((i) => ctx.tensorInput(i)?.shape));
      return [elem ? tensorOf(elem, shape) : undefined];
    },
    inferDataTypes: (ctx) => [coveringIntType([ctx.dataType(1), ctx.dataType(2)])],
  });
}

export const whereOps: OpSchema[] = [whereOp(9), whereOp(16)];
