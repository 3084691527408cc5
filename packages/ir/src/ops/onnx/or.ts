import { DataType } from '../../datatype/datatype';
import type { OpSchema } from '../op-schema';
import { binaryOp, legacyBinaryOp } from './elementwise';

const binary = (): DataType[] => [DataType.BINARY];

/** Or: a || b, element-wise with broadcasting; the output is bool. */
export const orOps: OpSchema[] = [
  legacyBinaryOp('Or', 1, { description: 'a || b', outElemType: 'bool', inferDataTypes: binary }),
  binaryOp('Or', 7, { description: 'a || b', outElemType: 'bool', inferDataTypes: binary }),
];
