import type { OpSchema } from '../op-schema';
import { recurrentOp } from './recurrent';

/** RNN: opset 1 (output_sequence), 7, 14 (layout). Outputs Y, Y_h. */
export const rnnOps: OpSchema[] = [recurrentOp('RNN', 1, 1), recurrentOp('RNN', 7, 1), recurrentOp('RNN', 14, 1)];
