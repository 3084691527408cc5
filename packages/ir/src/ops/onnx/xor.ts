import { DataType } from '../../datatype/datatype';
import type { OpSchema } from '../op-schema';
import { binaryOp, legacyBinaryOp } from './elementwise';

const binary = (): DataType[] => [DataType.BINARY];

/** Xor: a xor b, element-wise with broadcasting; the output is bool. */
export const xorOps: OpSchema[] = [
  legacyBinaryOp('Xor', 1, { description: 'a xor b', outElemType: 'bool', inferDataTypes: binary }),
  binaryOp('Xor', 7, { description: 'a xor b', outElemType: 'bool', inferDataTypes: binary }),
];
