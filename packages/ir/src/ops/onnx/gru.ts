import type { OpSchema } from '../op-schema';
import { recurrentOp } from './recurrent';

const linearBeforeReset = {
  linear_before_reset: { type: 'int', default: 0, allowed: [0, 1], description: 'Apply the linear transform before multiplying by the reset gate.' },
} as const;

/** GRU: opset 1, 3 (linear_before_reset), 7, 14 (layout). Outputs Y, Y_h. */
export const gruOps: OpSchema[] = [
  recurrentOp('GRU', 1, 3),
  recurrentOp('GRU', 3, 3, linearBeforeReset),
  recurrentOp('GRU', 7, 3, linearBeforeReset),
  recurrentOp('GRU', 14, 3, linearBeforeReset),
];
