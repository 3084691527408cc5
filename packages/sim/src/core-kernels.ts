import { definePlugin, type Plugin } from '@scanflow/ir';
import { elementwiseKernels } from './kernels/elementwise/index';
import { hwKernels } from './kernels/hw/index';
import { nnKernels } from './kernels/nn/index';
import { quantKernels } from './kernels/quant/index';
import { recurrentKernels } from './kernels/recurrent/index';
import { tensorKernels } from './kernels/tensor/index';

/** The built-in simulator kernels, registered through the same plugin contract as any other. */
export function coreKernels(): Plugin {
  return definePlugin({
    name: '@scanflow/sim:core-kernels',
    kernels: [...elementwiseKernels, ...tensorKernels, ...nnKernels, ...quantKernels, ...recurrentKernels, ...hwKernels],
  });
}
