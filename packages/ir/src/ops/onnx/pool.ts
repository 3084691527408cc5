import { attrInts } from '../../graph/attribute';
import type { Dim } from '../../graph/value-type';
import type { DataType } from '../../datatype/datatype';
import { defineOp, type AttributeSpec, type DataTypeContext, type OpSchema } from '../op-schema';
import type { OpTraits } from '../op-traits';
import { tensorOf } from './shape-helpers';
import { readWindow, windowOutput } from './window-shape';

/**
 * Schema factory for MaxPool / AveragePool: X [N, C, D1 …] → Y [N, C, O1 …] (MaxPool from opset 8
 * also gives int64 Indices of the same shape).
 */
export function poolOp(
  opType: string,
  since: number,
  attributes: Record<string, AttributeSpec>,
  options: { indices?: boolean; inferDataTypes?: (ctx: DataTypeContext) => (DataType | undefined)[]; traits?: OpTraits } = {},
): OpSchema {
  return defineOp({
    domain: '',
    opType,
    since,
    inputs: [1, 1],
    outputs: options.indices ? [1, 2] : [1, 1],
    attributes,
    ...(options.traits ? { traits: options.traits } : {}),
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      const kernel = attrInts(ctx.node, 'kernel_shape');
      if (!x) return [undefined, undefined];
      const n = kernel.length;
      const shape = x.shape;
      if (shape && shape.length !== n + 2) ctx.fail(`${opType}: input has rank ${shape.length}, but kernel_shape has ${n} values (expected rank ${n + 2})`);
      let out: Dim[] | undefined;
      if (shape) {
        const win = readWindow(ctx, n, kernel);
        out = [shape[0], shape[1], ...shape.slice(2).map((d, k) => windowOutput(ctx, d, win, k))];
      } else out = [null, null, ...kernel.map(() => null)];
      return [tensorOf(x.elemType, out), tensorOf('int64', out)];
    },
    ...(options.inferDataTypes ? { inferDataTypes: options.inferDataTypes } : {}),
  });
}
