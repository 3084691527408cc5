import type { OpSchema } from '../op-schema';
import { unaryOp } from './elementwise';

/** Log: y = ln x. Output has the input's type and shape. */
export const logOps: OpSchema[] = [unaryOp('Log', 6, { description: 'y = ln x.' })];
