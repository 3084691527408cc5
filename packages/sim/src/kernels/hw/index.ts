import type { KernelDefinition } from '../../kernel';
import duplicateStreams from './duplicate-streams';
import elementwise from './elementwise';
import mvau from './mvau';
import recurrence from './recurrence';
import thresholding from './thresholding';

/** The hardware-layer kernels (domain scanflow.hw, docs/hardware-layers.md), one op per file. */
export const hwKernels: KernelDefinition[] = [mvau, thresholding, ...elementwise, duplicateStreams, recurrence];
