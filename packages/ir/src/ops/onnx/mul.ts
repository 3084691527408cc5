import type { OpSchema } from '../op-schema';
import { macDataType } from './datatype-rules';
import { binaryOp, legacyBinaryOp } from './elementwise';
import { productRanges } from '../interval-rules';

/** Mul: y = a · b, element-wise with broadcasting (legacy broadcast/axis attributes at opset 6). */
export const mulOps: OpSchema[] = [
  legacyBinaryOp('Mul', 6, { description: 'y = a · b', inferDataTypes: macDataType, traits: { scaleCommuting: 'linear', ranges: productRanges } }),
  binaryOp('Mul', 7, { description: 'y = a · b', inferDataTypes: macDataType, traits: { scaleCommuting: 'linear', ranges: productRanges } }),
];
