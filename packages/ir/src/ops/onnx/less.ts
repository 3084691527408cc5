import { DataType } from '../../datatype/datatype';
import type { OpSchema } from '../op-schema';
import { binaryOp, legacyBinaryOp } from './elementwise';

const binary = (): DataType[] => [DataType.BINARY];

/** Less: a < b, element-wise with broadcasting; the output is bool. */
export const lessOps: OpSchema[] = [
  legacyBinaryOp('Less', 1, { description: 'a < b', outElemType: 'bool', inferDataTypes: binary }),
  binaryOp('Less', 7, { description: 'a < b', outElemType: 'bool', inferDataTypes: binary }),
];
