import type { OpSchema } from '../op-schema';
import { unaryOp } from './elementwise';

/** LeakyRelu: y = x for x ≥ 0, alpha·x otherwise. */
export const leakyReluOps: OpSchema[] = [
  unaryOp('LeakyRelu', 6, {
    description: 'y = x if x >= 0 else alpha * x.',
    attributes: { alpha: { type: 'float', default: 0.01, description: 'Slope for negative inputs.' } },
  }),
];
