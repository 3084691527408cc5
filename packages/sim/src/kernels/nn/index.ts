import type { KernelDefinition } from '../../kernel';
import averagePool from './average-pool';
import batchNormalization from './batch-normalization';
import conv from './conv';
import dropout from './dropout';
import gemm from './gemm';
import globalAveragePool from './global-average-pool';
import globalMaxPool from './global-max-pool';
import logSoftmax from './log-softmax';
import matMul from './mat-mul';
import matMulInteger from './mat-mul-integer';
import maxPool from './max-pool';
import softmax from './softmax';

/** The kernels of this folder (see ../README.md). */
export const nnKernels: KernelDefinition[] = [
  ...conv,
  ...maxPool,
  ...averagePool,
  ...globalAveragePool,
  ...globalMaxPool,
  ...batchNormalization,
  ...gemm,
  ...matMul,
  ...matMulInteger,
  ...softmax,
  ...logSoftmax,
  ...dropout,
];
