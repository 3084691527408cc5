import { DataType } from '../../datatype/datatype';
import type { OpSchema } from '../op-schema';
import { unaryOp } from './elementwise';

/** Floor: y = ⌊x⌋. Integer-valued inputs keep their datatype. */
export const floorOps: OpSchema[] = [
  unaryOp('Floor', 6, {
    description: 'y = ⌊x⌋.',
    inferDataTypes: (ctx) => [ctx.dataType(0).isInteger ? ctx.dataType(0) : DataType.FLOAT32],
  }),
];
