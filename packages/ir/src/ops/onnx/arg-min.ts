import type { OpSchema } from '../op-schema';
import { argOp } from './arg-reduce';

/** ArgMin: the int64 index of the smallest element along `axis`. */
export const argMinOps: OpSchema[] = [argOp('ArgMin', 1), argOp('ArgMin', 12)];
