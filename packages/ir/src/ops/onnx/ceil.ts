import { DataType } from '../../datatype/datatype';
import type { OpSchema } from '../op-schema';
import { unaryOp } from './elementwise';

/** Ceil: y = ⌈x⌉. Integer-valued inputs keep their datatype. */
export const ceilOps: OpSchema[] = [
  unaryOp('Ceil', 6, {
    description: 'y = ⌈x⌉.',
    inferDataTypes: (ctx) => [ctx.dataType(0).isInteger ? ctx.dataType(0) : DataType.FLOAT32],
  }),
];
