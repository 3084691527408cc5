import type { KernelDefinition } from '../../kernel';
import bipolarQuant from './bipolar-quant';
import dequantizeLinear from './dequantize-linear';
import multiThreshold from './multi-threshold';
import quant from './quant';
import quantizeLinear from './quantize-linear';
import trunc from './trunc';

/** The kernels of this folder (see ../README.md). */
export const quantKernels: KernelDefinition[] = [...quantizeLinear, ...dequantizeLinear, ...quant, bipolarQuant, ...trunc, multiThreshold];
