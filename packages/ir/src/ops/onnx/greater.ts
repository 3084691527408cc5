import { DataType } from '../../datatype/datatype';
import type { OpSchema } from '../op-schema';
import { binaryOp, legacyBinaryOp } from './elementwise';

const binary = (): DataType[] => [DataType.BINARY];

/** Greater: a > b, element-wise with broadcasting; the output is bool. */
export const greaterOps: OpSchema[] = [
  legacyBinaryOp('Greater', 1, { description: 'a > b', outElemType: 'bool', inferDataTypes: binary }),
  binaryOp('Greater', 7, { description: 'a > b', outElemType: 'bool', inferDataTypes: binary }),
];
