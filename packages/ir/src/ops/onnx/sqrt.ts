import type { OpSchema } from '../op-schema';
import { unaryOp } from './elementwise';

/** Sqrt: y = √x. Output has the input's type and shape. */
export const sqrtOps: OpSchema[] = [unaryOp('Sqrt', 6, { description: 'y = √x.' })];
