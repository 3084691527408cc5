import { DataType } from '../../datatype/datatype';
import type { DataTypeContext, OpSchema } from '../op-schema';
import { unaryOp } from './elementwise';

/**
 * Sign's datatype. qonnx says BIPOLAR, but sign(0) = 0, so we only say BIPOLAR when the input
 * cannot be 0 (a BIPOLAR input); an unsigned input gives {0, 1}; anything else {-1, 0, 1}.
 */
function signDataType(ctx: DataTypeContext): DataType[] {
  const t = ctx.dataType(0);
  if (t.kind === 'BIPOLAR') return [DataType.BIPOLAR];
  if (!t.signed) return [DataType.BINARY];
  return [DataType.TERNARY];
}

/** Sign: -1, 0 or 1 by the sign of x. */
export const signOps: OpSchema[] = [unaryOp('Sign', 9, { description: 'y = sign(x) ∈ {-1, 0, 1}.', inferDataTypes: signDataType })];
