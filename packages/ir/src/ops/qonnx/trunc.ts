import { DataType } from '../../datatype/datatype';
import { defineOp, type AttributeSpec, type OpSchema } from '../op-schema';
import { checkParam, checkScalar, QONNX_DOMAIN, quantOutput } from './qonnx-helpers';

const roundingMode: AttributeSpec = {
  type: 'string',
  required: true,
  default: 'FLOOR',
  description: 'Rounding after the shift: ROUND, CEIL, FLOOR, UP, DOWN, HALF_UP or HALF_DOWN (case-insensitive).',
};

/**
 * Trunc v1: inputs x, scale, zeropt, in_bitwidth, out_bitwidth — drops in - out low bits.
 * Trunc v2: inputs x, scale, zeropt, in_bitwidth, out_scale, out_bitwidth; adds signed / narrow and
 * a clamp to the output range. qonnx always gives FLOAT32 as the datatype.
 */
function truncOp(since: 1 | 2): OpSchema {
  const attributes: Record<string, AttributeSpec> = { rounding_mode: roundingMode };
  if (since === 2) {
    attributes.signed = { type: 'int', default: 1, allowed: [0, 1] };
    attributes.narrow = { type: 'int', default: 0, allowed: [0, 1] };
  }
  const n = since === 1 ? 5 : 6;
  return defineOp({
    domain: QONNX_DOMAIN,
    opType: 'Trunc',
    traits: { elementwise: { broadcast: 'numpy' }, quantizer: true },
    since,
    inputs: [n, n],
    outputs: [1, 1],
    attributes,
    inferTypes(ctx) {
      checkParam(ctx, 1, 'scale');
      checkParam(ctx, 2, 'zeropt');
      checkScalar(ctx, 3, 'in_bitwidth');
      if (since === 2) checkParam(ctx, 4, 'out_scale');
      checkScalar(ctx, n - 1, 'out_bitwidth');
      return [quantOutput(ctx)];
    },
    inferDataTypes: () => [DataType.FLOAT32],
  });
}

/** Trunc (QONNX opset 1 and 2). */
export const truncOps: OpSchema[] = [truncOp(1), truncOp(2)];
