import type { OpSchema } from '../op-schema';
import { recurrentOp } from './recurrent';

const inputForget = { input_forget: { type: 'int', default: 0, allowed: [0, 1], description: 'Couple the input and forget gates.' } } as const;

/** LSTM: opset 1 (output_sequence), 7, 14 (layout). Outputs Y, Y_h, Y_c. */
export const lstmOps: OpSchema[] = [1, 7, 14].map((since) => recurrentOp('LSTM', since, 4, inputForget));
