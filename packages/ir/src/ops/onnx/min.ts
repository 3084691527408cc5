import type { DataTypeContext, OpSchema } from '../op-schema';
import { coveringIntType, inputDataTypes } from './datatype-rules';
import { variadicOp } from './elementwise';

/** Min's value is one of its inputs' values: the smallest type covering all integer inputs. */
const options = { inferDataTypes: (ctx: DataTypeContext) => [coveringIntType(inputDataTypes(ctx))] };

/** Min: element-wise minimum of one or more inputs (equal shapes at opset 6, numpy broadcasting from 8). */
export const minOps: OpSchema[] = [variadicOp('Min', 6, false, options), variadicOp('Min', 8, true, options)];
