import { DataType } from '../../datatype/datatype';
import type { OpSchema } from '../op-schema';
import { binaryOp, legacyBinaryOp } from './elementwise';

const binary = (): DataType[] => [DataType.BINARY];

/** Equal: a == b, element-wise with broadcasting; the output is bool. */
export const equalOps: OpSchema[] = [
  legacyBinaryOp('Equal', 1, { description: 'a == b', outElemType: 'bool', inferDataTypes: binary }),
  binaryOp('Equal', 7, { description: 'a == b', outElemType: 'bool', inferDataTypes: binary }),
];
