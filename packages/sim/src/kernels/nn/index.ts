import type { KernelDefinition } from '../../kernel';

/** The kernels of this folder (see ../README.md). */
export const nnKernels: KernelDefinition[] = [];
