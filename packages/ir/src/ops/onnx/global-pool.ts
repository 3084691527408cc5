import type { DataType } from '../../datatype/datatype';
import { defineOp, type DataTypeContext, type OpSchema } from '../op-schema';
import { tensorOf } from './shape-helpers';

/** Schema factory for GlobalAveragePool / GlobalMaxPool: [N, C, D1 …] → [N, C, 1 …]. */
export function globalPoolOp(opType: string, inferDataTypes?: (ctx: DataTypeContext) => (DataType | undefined)[]): OpSchema {
  return defineOp({
    domain: '',
    opType,
    since: 1,
    inputs: [1, 1],
    outputs: [1, 1],
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      if (!x) return [undefined];
      if (x.shape && x.shape.length < 2) ctx.fail(`${opType}: input has rank ${x.shape.length}, expected at least 2 ([N, C, ...])`);
      return [tensorOf(x.elemType, x.shape?.map((d, k) => (k < 2 ? d : 1)))];
    },
    ...(inferDataTypes ? { inferDataTypes } : {}),
  });
}
