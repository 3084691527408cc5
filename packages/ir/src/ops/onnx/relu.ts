import { DataType } from '../../datatype/datatype';
import type { DataTypeContext, OpSchema } from '../op-schema';
import { unaryOp } from './elementwise';
import { reluRanges } from '../interval-rules';

/** Relu's datatype: max(x, 0) of an integer type is the unsigned type holding its positive part. */
function reluDataType(ctx: DataTypeContext): DataType[] {
  const t = ctx.dataType(0);
  if (!t.isInteger) return [t]; // FIXED / SCALEDINT / floats: max(x, 0) stays in the same set
  if (!t.signed) return [t];
  const max = t.max;
  if (max <= 1) return [DataType.BINARY]; // BIPOLAR, TERNARY, INT1, INT2
  return [DataType.uint(Math.ceil(Math.log2(max + 1)))];
}

/** Relu: y = max(x, 0). */
export const reluOps: OpSchema[] = [unaryOp('Relu', 6, { description: 'y = max(x, 0).', inferDataTypes: reluDataType, traits: { monotone: 'non-decreasing', ranges: reluRanges } })];
