import type { AttributeSpec, OpSchema } from '../op-schema';
import { keepFirstDataType } from './datatype-rules';
import { poolOp } from './pool';
import { firstInputRange } from '../interval-rules';

/** Every output element is the largest of its window: within the input's interval. */
const traits = { ranges: firstInputRange };
import { autoPadSpec, ceilModeSpec, dilationsSpec, padsSpec, stridesSpec } from './window-shape';

const v1: Record<string, AttributeSpec> = {
  auto_pad: autoPadSpec,
  kernel_shape: { type: 'ints', required: true },
  pads: padsSpec,
  strides: stridesSpec,
};
const v8: Record<string, AttributeSpec> = {
  ...v1,
  storage_order: { type: 'int', default: 0, allowed: [0, 1], description: 'Indices in row-major (0) or column-major (1) order.' },
};
const v10 = { ...v8, ceil_mode: ceilModeSpec, dilations: dilationsSpec };

/** MaxPool: opset 1; 8 adds storage_order and the Indices output; 10 adds ceil_mode and dilations. */
export const maxPoolOps: OpSchema[] = [
  poolOp('MaxPool', 1, v1, { inferDataTypes: keepFirstDataType, traits }),
  poolOp('MaxPool', 8, v8, { indices: true, inferDataTypes: (ctx) => [ctx.dataType(0), undefined], traits }),
  poolOp('MaxPool', 10, v10, { indices: true, inferDataTypes: (ctx) => [ctx.dataType(0), undefined], traits }),
];
