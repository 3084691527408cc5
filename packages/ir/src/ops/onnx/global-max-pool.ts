import type { OpSchema } from '../op-schema';
import { keepFirstDataType } from './datatype-rules';
import { globalPoolOp } from './global-pool';

/** GlobalMaxPool: the maximum over all spatial positions. */
export const globalMaxPoolOps: OpSchema[] = [globalPoolOp('GlobalMaxPool', keepFirstDataType)];
