import type { KernelDefinition } from '../../kernel';
import identity from './identity';

/** The kernels of this folder (see ../README.md). */
export const tensorKernels: KernelDefinition[] = [identity];
