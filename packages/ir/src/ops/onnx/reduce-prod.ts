import type { OpSchema } from '../op-schema';
import { reduceOp } from './reduce';

/** ReduceProd: the product over the given axes (axes attribute from opset 1, axes input from 18). */
export const reduceProdOps: OpSchema[] = [reduceOp('ReduceProd', 1, false), reduceOp('ReduceProd', 18, true)];
