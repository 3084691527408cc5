import type { OpSchema } from '../op-schema';
import { keepFirstDataType } from './datatype-rules';
import { reduceOp } from './reduce';

/** ReduceMax: the maximum over the given axes (axes attribute from opset 1, axes input from 18). */
export const reduceMaxOps: OpSchema[] = [reduceOp('ReduceMax', 1, false, keepFirstDataType), reduceOp('ReduceMax', 18, true, keepFirstDataType)];
