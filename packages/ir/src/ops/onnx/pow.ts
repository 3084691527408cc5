import type { OpSchema } from '../op-schema';
import { binaryOp, legacyBinaryOp } from './elementwise';

/** Pow: y = a^b with broadcasting; from opset 12 the exponent may have another type (y takes a's). */
export const powOps: OpSchema[] = [
  legacyBinaryOp('Pow', 1, { description: 'y = a ^ b' }),
  binaryOp('Pow', 7, { description: 'y = a ^ b' }),
  binaryOp('Pow', 12, { description: 'y = a ^ b', sameTypeInputs: [0] }),
];
