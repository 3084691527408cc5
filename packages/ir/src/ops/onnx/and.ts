import { DataType } from '../../datatype/datatype';
import type { OpSchema } from '../op-schema';
import { binaryOp, legacyBinaryOp } from './elementwise';

const binary = (): DataType[] => [DataType.BINARY];

/** And: a && b, element-wise with broadcasting; the output is bool. */
export const andOps: OpSchema[] = [
  legacyBinaryOp('And', 1, { description: 'a && b', outElemType: 'bool', inferDataTypes: binary }),
  binaryOp('And', 7, { description: 'a && b', outElemType: 'bool', inferDataTypes: binary }),
];
