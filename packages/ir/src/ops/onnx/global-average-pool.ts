import type { OpSchema } from '../op-schema';
import { globalPoolOp } from './global-pool';

/** GlobalAveragePool: the mean over all spatial positions. */
export const globalAveragePoolOps: OpSchema[] = [globalPoolOp('GlobalAveragePool')];
