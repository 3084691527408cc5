import type { OpSchema } from '../op-schema';
import { binaryOp, legacyBinaryOp } from './elementwise';

/** Div: y = a / b, element-wise with broadcasting (legacy broadcast/axis attributes at opset 6). */
export const divOps: OpSchema[] = [
  legacyBinaryOp('Div', 6, { description: 'y = a / b' }),
  binaryOp('Div', 7, { description: 'y = a / b' }),
];
