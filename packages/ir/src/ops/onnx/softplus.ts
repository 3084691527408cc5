import type { OpSchema } from '../op-schema';
import { unaryOp } from './elementwise';

/** Softplus: y = ln(1+eˣ). Output has the input's type and shape. */
export const softplusOps: OpSchema[] = [unaryOp('Softplus', 1, { description: 'y = ln(1+eˣ).' })];
