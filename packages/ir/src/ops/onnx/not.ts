import { DataType } from '../../datatype/datatype';
import type { OpSchema } from '../op-schema';
import { unaryOp } from './elementwise';

/** Not: logical negation of a bool tensor. */
export const notOps: OpSchema[] = [
  unaryOp('Not', 1, { description: 'Logical not, element-wise (bool).', inferDataTypes: () => [DataType.BINARY] }),
];
