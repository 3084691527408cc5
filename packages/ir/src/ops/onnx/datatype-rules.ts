import { DataType, smallestIntTypeForRange } from '../../datatype/datatype';
import type { DataTypeContext } from '../op-schema';

/**
 * QONNX datatype rules shared by the standard ops (after qonnx's InferDataTypes, reference §1.9),
 * kept to the cases where the result is certainly right.
 */

/** Data movement ops (Reshape, Transpose, Slice, Gather ...): the output holds input 0's values. */
export function keepFirstDataType(ctx: DataTypeContext): DataType[] {
  return ctx.node.outputs.map(() => ctx.dataType(0));
}

/** The smallest INT/UINT type holding every value of each integer type, or undefined if one is not integer. */
export function coveringIntType(types: DataType[]): DataType | undefined {
  if (types.length === 0 || !types.every((t) => t.isInteger)) return undefined;
  const first = types[0];
  if (types.every((t) => t.equals(first))) return first;
  const lo = Math.min(...types.map((t) => t.min));
  const hi = Math.max(...types.map((t) => t.max));
  const c = smallestIntTypeForRange(lo, hi);
  return c.isFloat ? DataType.FLOAT32 : c;
}

/** The datatype of every given input index. */
export function inputDataTypes(ctx: DataTypeContext, count = ctx.node.inputs.length): DataType[] {
  const out: DataType[] = [];
  for (let i = 0; i < count; i++) if (ctx.node.inputs[i]) out.push(ctx.dataType(i));
  return out;
}

/**
 * Multiply-accumulate-like ops (MatMul, Gemm, Conv, Add, Sub, Mul), as qonnx: all inputs integer →
 * INT32 when any input is signed or the op subtracts, else UINT32; all integer / fixed / scaled
 * integer → SCALEDINT<32>; otherwise FLOAT32.
 */
export function macDataType(ctx: DataTypeContext): DataType[] {
  const ins = inputDataTypes(ctx);
  let out: DataType;
  if (ins.every((t) => t.isInteger)) {
    out = ins.some((t) => t.signed) || ctx.node.opType === 'Sub' ? DataType.int(32) : DataType.uint(32);
  } else if (ins.every((t) => t.isInteger || t.kind === 'FIXED' || t.kind === 'SCALEDINT')) {
    out = DataType.scaledInt(32);
  } else {
    out = DataType.FLOAT32;
  }
  return [out];
}
