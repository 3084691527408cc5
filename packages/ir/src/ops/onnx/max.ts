import type { DataTypeContext, OpSchema } from '../op-schema';
import { coveringIntType, inputDataTypes } from './datatype-rules';
import { variadicOp } from './elementwise';

/** Max's value is one of its inputs' values: the smallest type covering all integer inputs. */
const options = { inferDataTypes: (ctx: DataTypeContext) => [coveringIntType(inputDataTypes(ctx))] };

/** Max: element-wise maximum of one or more inputs (equal shapes at opset 6, numpy broadcasting from 8). */
export const maxOps: OpSchema[] = [variadicOp('Max', 6, false, options), variadicOp('Max', 8, true, options)];
