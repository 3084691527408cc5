import type { OpSchema } from '../op-schema';
import { unaryOp } from './elementwise';

/** Tanh: y = tanh x. Output has the input's type and shape. */
export const tanhOps: OpSchema[] = [unaryOp('Tanh', 6, { description: 'y = tanh x.', traits: { monotone: 'non-decreasing' } })];
