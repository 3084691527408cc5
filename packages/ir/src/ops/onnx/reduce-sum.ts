import type { OpSchema } from '../op-schema';
import { reduceOp } from './reduce';

/** ReduceSum: the sum over the given axes (axes attribute from opset 1, axes input from 13). */
export const reduceSumOps: OpSchema[] = [reduceOp('ReduceSum', 1, false), reduceOp('ReduceSum', 13, true)];
