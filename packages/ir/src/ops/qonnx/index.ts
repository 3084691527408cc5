import type { OpSchema } from '../op-schema';
import { bipolarQuantOps } from './bipolar-quant';
import { multiThresholdOps } from './multi-threshold';
import { quantOps } from './quant';
import { quantLstmCellOps } from './quant-lstm-cell';
import { truncOps } from './trunc';

/** The QONNX custom op schemas (domain qonnx.custom_op.general), one op per file. */
export const qonnxOps: OpSchema[] = [...quantOps, ...bipolarQuantOps, ...truncOps, ...multiThresholdOps, ...quantLstmCellOps];
