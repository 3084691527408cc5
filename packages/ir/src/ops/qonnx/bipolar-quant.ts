import { DataType } from '../../datatype/datatype';
import { defineOp, type OpSchema } from '../op-schema';
import { allEqual, checkParam, QONNX_DOMAIN, quantOutput } from './qonnx-helpers';

/** BipolarQuant: y = scale · (x ≥ 0 ? 1 : -1); BIPOLAR when the scale is known to be all 1. */
export const bipolarQuantOps: OpSchema[] = [
  defineOp({
    domain: QONNX_DOMAIN,
    opType: 'BipolarQuant',
    traits: { elementwise: { broadcast: 'numpy' }, quantizer: true },
    since: 1,
    inputs: [2, 2],
    outputs: [1, 1],
    description: 'y = scale · (x >= 0 ? +1 : -1).',
    attributes: {},
    inferTypes(ctx) {
      checkParam(ctx, 1, 'scale');
      return [quantOutput(ctx)];
    },
    inferDataTypes: (ctx) => [allEqual(ctx.constant(1), 1) ? DataType.BIPOLAR : DataType.FLOAT32],
  }),
];
