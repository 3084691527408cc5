import type { OpSchema } from '../op-schema';
import { unaryOp } from './elementwise';

/** Exp: y = eˣ. Output has the input's type and shape. */
export const expOps: OpSchema[] = [unaryOp('Exp', 6, { description: 'y = eˣ.' })];
