import type { OpSchema } from '../op-schema';
import { unaryOp } from './elementwise';

/** Reciprocal: y = 1/x. Output has the input's type and shape. */
export const reciprocalOps: OpSchema[] = [unaryOp('Reciprocal', 6, { description: 'y = 1/x.' })];
