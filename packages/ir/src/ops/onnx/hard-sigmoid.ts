import type { OpSchema } from '../op-schema';
import { unaryOp } from './elementwise';

/** HardSigmoid: y = max(0, min(1, alpha·x + beta)). */
export const hardSigmoidOps: OpSchema[] = [
  unaryOp('HardSigmoid', 6, {
    description: 'y = max(0, min(1, alpha * x + beta)).',
    attributes: {
      alpha: { type: 'float', default: 0.2 },
      beta: { type: 'float', default: 0.5 },
    },
  }),
];
