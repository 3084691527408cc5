import { DataType, smallestIntTypeForRange } from '../../datatype/datatype';
import { formatShape } from '../../graph/value-type';
import { defineOp, type DataTypeContext, type OpSchema } from '../op-schema';
import { channelAttrs, channelStream, HW_DOMAIN, multiplierAttrs } from './hw-helpers';

/** Result range of a ∘ b over the corner values of the operand ranges. */
function elementwiseDataType(ctx: DataTypeContext, op: (a: number, b: number) => number): DataType[] {
  const a = ctx.dataType(0);
  const b = ctx.dataType(1);
  if (!a.isInteger || !b.isInteger) return [DataType.FLOAT32];
  const corners = [op(a.min, b.min), op(a.min, b.max), op(a.max, b.min), op(a.max, b.max)];
  return [smallestIntTypeForRange(Math.min(...corners), Math.max(...corners))];
}

/**
 * ElementwiseAdd / ElementwiseMul: out = a ∘ b, exact, on a channel-last stream of `channels`
 * channels. b is a second stream of the same shape, or a constant parameter: [C] (per channel) or
 * [1] (scalar). PE channels per cycle.
 */
function elementwiseOp(opType: string, op: (a: number, b: number) => number): OpSchema {
  return defineOp({
    domain: HW_DOMAIN,
    opType,
    inputs: [2, 2],
    outputs: [1, 1],
    description: `${opType === 'ElementwiseAdd' ? 'Sum' : 'Product'} of two streams, or of a stream and a per-channel / scalar constant.`,
    attributes: opType === 'ElementwiseMul' ? { ...channelAttrs, ...multiplierAttrs } : channelAttrs,
    inferTypes(ctx) {
      const { channels: c, shape, type } = channelStream(ctx, 'input a');
      const b = ctx.tensorInput(1)?.shape;
      const bConst = ctx.constant(1);
      if (bConst) {
        if (bConst.rank !== 1 || (bConst.dims[0] !== 1 && bConst.dims[0] !== c)) ctx.fail(`${opType}: parameter b has shape ${formatShape([...bConst.dims])}, expected [${c}] or [1]`);
      } else if (b && shape && (b.length !== shape.length || b.some((d, i) => typeof d === 'number' && typeof shape[i] === 'number' && d !== shape[i]))) {
        ctx.fail(`${opType}: streams a ${formatShape(shape)} and b ${formatShape(b)} differ in shape`);
      }
      return [type];
    },
    inferDataTypes: (ctx) => elementwiseDataType(ctx, op),
  });
}

export const elementwiseOps: OpSchema[] = [elementwiseOp('ElementwiseAdd', (a, b) => a + b), elementwiseOp('ElementwiseMul', (a, b) => a * b)];
