import type { OpSchema } from '../op-schema';
import { macDataType } from './datatype-rules';
import { binaryOp, legacyBinaryOp } from './elementwise';
import { sumRanges } from '../interval-rules';

/** Add: y = a + b, element-wise with broadcasting (legacy broadcast/axis attributes at opset 6). */
export const addOps: OpSchema[] = [
  legacyBinaryOp('Add', 6, { description: 'y = a + b', inferDataTypes: macDataType, traits: { scaleCommuting: 'join', ranges: sumRanges } }),
  binaryOp('Add', 7, { description: 'y = a + b', inferDataTypes: macDataType, traits: { scaleCommuting: 'join', ranges: sumRanges } }),
];
