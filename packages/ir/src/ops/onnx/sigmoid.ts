import type { OpSchema } from '../op-schema';
import { unaryOp } from './elementwise';

/** Sigmoid: y = 1/(1+e⁻ˣ). Output has the input's type and shape. */
export const sigmoidOps: OpSchema[] = [unaryOp('Sigmoid', 6, { description: 'y = 1/(1+e⁻ˣ).', traits: { monotone: 'non-decreasing' } })];
