import { DataType, smallestIntTypeForRange } from '../../datatype/datatype';
import type { DataTypeContext, OpSchema } from '../op-schema';
import { negatedRanges } from '../interval-rules';
import { unaryOp } from './elementwise';

/** Neg's datatype: −x of an integer type is the smallest integer type holding [−max, −min]; floats stay. */
function negDataType(ctx: DataTypeContext): (DataType | undefined)[] {
  const t = ctx.dataType(0);
  if (t.isInteger) return [smallestIntTypeForRange(-t.max + 0, -t.min + 0)];
  return [t.isFloat ? t : undefined];
}

/** Neg: y = -x. Output has the input's type and shape; −(x·s) = (−x)·s exactly, so a scale passes. */
export const negOps: OpSchema[] = [
  unaryOp('Neg', 6, { description: 'y = -x.', inferDataTypes: negDataType, traits: { scaleCommuting: 'linear', ranges: negatedRanges } }),
];
