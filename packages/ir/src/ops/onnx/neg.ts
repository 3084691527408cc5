import type { OpSchema } from '../op-schema';
import { unaryOp } from './elementwise';

/** Neg: y = -x. Output has the input's type and shape. */
export const negOps: OpSchema[] = [unaryOp('Neg', 6, { description: 'y = -x.' })];
