import type { OpSchema } from '../op-schema';
import { reduceOp } from './reduce';

/** ReduceMean: the mean over the given axes (axes attribute from opset 1, axes input from 18). */
export const reduceMeanOps: OpSchema[] = [reduceOp('ReduceMean', 1, false), reduceOp('ReduceMean', 18, true)];
