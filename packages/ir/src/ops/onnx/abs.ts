import type { OpSchema } from '../op-schema';
import { unaryOp } from './elementwise';

/** Abs: y = |x|. Output has the input's type and shape. */
export const absOps: OpSchema[] = [unaryOp('Abs', 6, { description: 'y = |x|.' })];
