import { DataType } from '../../datatype/datatype';
import type { OpSchema } from '../op-schema';
import { unaryOp } from './elementwise';

/** Round: Round half to even. Integer-valued inputs keep their datatype. */
export const roundOps: OpSchema[] = [
  unaryOp('Round', 11, {
    description: 'Round half to even.',
    inferDataTypes: (ctx) => [ctx.dataType(0).isInteger ? ctx.dataType(0) : DataType.FLOAT32],
  }),
];
