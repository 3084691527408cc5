import { DataType } from '../../datatype/datatype';
import type { OpSchema } from '../op-schema';
import { binaryOp } from './elementwise';

const binary = (): DataType[] => [DataType.BINARY];

/** LessOrEqual: a <= b, element-wise with broadcasting; the output is bool. */
export const lessOrEqualOps: OpSchema[] = [
  binaryOp('LessOrEqual', 12, { description: 'a <= b', outElemType: 'bool', inferDataTypes: binary }),
];
