import type { OpSchema } from '../op-schema';
import { duplicateStreamsOps } from './duplicate-streams';
import { elementwiseOps } from './elementwise';
import { mvauOps } from './mvau';
import { recurrenceOps } from './recurrence';
import { thresholdingOps } from './thresholding';

export { HW_DOMAIN } from './hw-helpers';

/** scanflow's hardware layers (domain scanflow.hw), one op per file. */
export const hwOps: OpSchema[] = [...mvauOps, ...thresholdingOps, ...elementwiseOps, ...duplicateStreamsOps, ...recurrenceOps];
