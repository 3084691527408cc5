import type { OpSchema } from '../op-schema';
import { unaryOp } from './elementwise';

/** Erf: The Gauss error function, element-wise. Output has the input's type and shape. */
export const erfOps: OpSchema[] = [unaryOp('Erf', 9, { description: 'The Gauss error function, element-wise.' })];
