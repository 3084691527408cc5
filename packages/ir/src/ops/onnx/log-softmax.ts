import type { OpSchema } from '../op-schema';
import { softmaxLikeOp } from './softmax-like';

/** LogSoftmax: log of Softmax along `axis`. */
export const logSoftmaxOps: OpSchema[] = [softmaxLikeOp('LogSoftmax', 1), softmaxLikeOp('LogSoftmax', 13)];
