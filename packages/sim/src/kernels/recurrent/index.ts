import type { KernelDefinition } from '../../kernel';
import gru from './gru';
import lstm from './lstm';
import rnn from './rnn';
import scan from './scan';
import quantLstmCell from './quant-lstm-cell';

/** The kernels of this folder (see ../README.md). */
export const recurrentKernels: KernelDefinition[] = [...scan, ...lstm, ...gru, ...rnn, quantLstmCell];
