import type { OpSchema } from '../op-schema';
import { variadicOp } from './elementwise';

/** Sum: element-wise sum of one or more inputs (equal shapes at opset 6, numpy broadcasting from 8). */
export const sumOps: OpSchema[] = [variadicOp('Sum', 6, false), variadicOp('Sum', 8, true)];
