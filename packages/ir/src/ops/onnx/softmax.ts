import type { OpSchema } from '../op-schema';
import { softmaxLikeOp } from './softmax-like';

/** Softmax: exp(x) normalised to sum 1 along `axis`. */
export const softmaxOps: OpSchema[] = [softmaxLikeOp('Softmax', 1), softmaxLikeOp('Softmax', 13)];
