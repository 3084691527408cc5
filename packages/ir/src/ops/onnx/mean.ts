import type { OpSchema } from '../op-schema';
import { variadicOp } from './elementwise';

/** Mean: element-wise mean of one or more inputs (equal shapes at opset 6, numpy broadcasting from 8). */
export const meanOps: OpSchema[] = [variadicOp('Mean', 6, false), variadicOp('Mean', 8, true)];
