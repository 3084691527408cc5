import type { OpSchema } from '../op-schema';
import { argOp } from './arg-reduce';

/** ArgMax: the int64 index of the largest element along `axis`. */
export const argMaxOps: OpSchema[] = [argOp('ArgMax', 1), argOp('ArgMax', 12)];
