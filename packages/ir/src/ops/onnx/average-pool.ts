import type { AttributeSpec, OpSchema } from '../op-schema';
import { poolOp } from './pool';
import { autoPadSpec, ceilModeSpec, dilationsSpec, padsSpec, stridesSpec } from './window-shape';

const v1: Record<string, AttributeSpec> = {
  auto_pad: autoPadSpec,
  kernel_shape: { type: 'ints', required: true },
  pads: padsSpec,
  strides: stridesSpec,
};
const v7: Record<string, AttributeSpec> = {
  ...v1,
  count_include_pad: { type: 'int', default: 0, allowed: [0, 1], description: 'Count padded cells in the divisor.' },
};
const v10 = { ...v7, ceil_mode: ceilModeSpec };
const v19 = { ...v10, dilations: dilationsSpec };

/** AveragePool: opset 1; 7 adds count_include_pad; 10 ceil_mode; 19 dilations. */
export const averagePoolOps: OpSchema[] = [
  poolOp('AveragePool', 1, v1),
  poolOp('AveragePool', 7, v7),
  poolOp('AveragePool', 10, v10),
  poolOp('AveragePool', 19, v19),
];
