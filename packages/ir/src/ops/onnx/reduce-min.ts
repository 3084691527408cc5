import type { OpSchema } from '../op-schema';
import { keepFirstDataType } from './datatype-rules';
import { reduceOp } from './reduce';

/** ReduceMin: the minimum over the given axes (axes attribute from opset 1, axes input from 18). */
export const reduceMinOps: OpSchema[] = [reduceOp('ReduceMin', 1, false, keepFirstDataType), reduceOp('ReduceMin', 18, true, keepFirstDataType)];
