import { DataType } from '../../datatype/datatype';
import { defineOp, type OpSchema } from '../op-schema';
import { matmulShape } from './mat-mul';
import { tensorOf } from './shape-helpers';

/** MatMulInteger: (A - a_zero_point) × (B - b_zero_point) of 8-bit integers, accumulated in int32. */
export const matMulIntegerOps: OpSchema[] = [
  defineOp({
    domain: '',
    opType: 'MatMulInteger',
    since: 10,
    inputs: [2, 4],
    outputs: [1, 1],
    traits: { contraction: true },
    inferTypes: (ctx) => [tensorOf('int32', matmulShape(ctx, ctx.tensorInput(0)?.shape, ctx.tensorInput(1)?.shape))],
    inferDataTypes: () => [DataType.int(32)],
  }),
];
