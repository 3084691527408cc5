import type { OpSchema } from '../op-schema';
import { macDataType } from './datatype-rules';
import { binaryOp, legacyBinaryOp } from './elementwise';
import { differenceRanges } from '../interval-rules';

/** Sub: y = a - b, element-wise with broadcasting (legacy broadcast/axis attributes at opset 6). */
export const subOps: OpSchema[] = [
  legacyBinaryOp('Sub', 6, { description: 'y = a - b', inferDataTypes: macDataType, traits: { scaleCommuting: 'join', ranges: differenceRanges } }),
  binaryOp('Sub', 7, { description: 'y = a - b', inferDataTypes: macDataType, traits: { scaleCommuting: 'join', ranges: differenceRanges } }),
];
