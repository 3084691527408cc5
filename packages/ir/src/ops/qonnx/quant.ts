import { DataType } from '../../datatype/datatype';
import { attrInt } from '../../graph/attribute';
import { defineOp, type DataTypeContext, type OpSchema } from '../op-schema';
import { allEqual, checkParam, checkScalar, QONNX_DOMAIN, quantOutput, scalarValue } from './qonnx-helpers';

/**
 * QONNX datatype of a Quant output (qonnx's rule): needs scale, zero point and bit width known;
 * the zero point must be 0, else FLOAT32. Scale all 1 → INT<b> / UINT<b> (1 bit: BIPOLAR when
 * signed, BINARY when not); any other scale → SCALEDINT<b>.
 */
export function quantDataType(ctx: DataTypeContext): DataType[] {
  const scale = ctx.constant(1);
  const zp = ctx.constant(2);
  const bits = scalarValue(ctx.constant(3));
  if (!scale || !zp || bits === undefined || !Number.isInteger(bits) || bits < 1 || bits > 64 || !allEqual(zp, 0)) return [DataType.FLOAT32];
  const signed = attrInt(ctx.node, 'signed', 1) === 1;
  if (!allEqual(scale, 1)) return [DataType.scaledInt(bits)];
  if (bits === 1) return [signed ? DataType.BIPOLAR : DataType.BINARY];
  return [signed ? DataType.int(bits) : DataType.uint(bits)];
}

function quantOp(opType: string): OpSchema {
  return defineOp({
    domain: QONNX_DOMAIN,
    opType,
    traits: { elementwise: { broadcast: 'numpy' }, quantizer: true },
    since: 1,
    inputs: [4, 4],
    outputs: [1, 1],
    description: 'y = (R(clamp(x / scale + zeropt, min_int, max_int)) - zeropt) · scale, with the integer range from bitwidth, signed and narrow.',
    attributes: {
      signed: { type: 'int', required: true, default: 1, allowed: [0, 1], description: 'Signed integer range. qonnx requires it (its fallback default is 1).' },
      narrow: {
        type: 'int',
        required: true,
        default: 1,
        allowed: [0, 1],
        description: 'Narrow range (drop the most negative value, or the largest unsigned one). qonnx requires it (fallback default 1; its docs say 0): always write it.',
      },
      rounding_mode: {
        type: 'string',
        default: 'ROUND',
        description: 'ROUND (= HALF_EVEN), CEIL, FLOOR, UP, DOWN, HALF_UP or HALF_DOWN, case-insensitive.',
      },
    },
    inferTypes(ctx) {
      checkParam(ctx, 1, 'scale');
      checkParam(ctx, 2, 'zeropt');
      checkScalar(ctx, 3, 'bitwidth');
      return [quantOutput(ctx)];
    },
    inferDataTypes: quantDataType,
  });
}

/** Quant, and IntQuant (its newer name in qonnx). */
export const quantOps: OpSchema[] = [quantOp('Quant'), quantOp('IntQuant')];
