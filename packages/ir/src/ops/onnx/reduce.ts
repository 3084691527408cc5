import { attrInt, attrInts } from '../../graph/attribute';
import type { Dim } from '../../graph/value-type';
import type { DataType } from '../../datatype/datatype';
import { defineOp, type AttributeSpec, type DataTypeContext, type OpSchema, type UpgradeContext } from '../op-schema';
import { constInts, length1d, normAxes, tensorOf, unknownDims } from './shape-helpers';
import { intsAttributeToInput } from './upgrade-helpers';

/**
 * Schema factory for the Reduce* ops: `axes` is an attribute before the version where it became an
 * input (13 for ReduceSum, 18 for the others), which also added `noop_with_empty_axes`.
 */
export function reduceOp(opType: string, since: number, axesInput: boolean, inferDataTypes?: (ctx: DataTypeContext) => (DataType | undefined)[]): OpSchema {
  const attributes: Record<string, AttributeSpec> = {
    keepdims: { type: 'int', default: 1, allowed: [0, 1], description: 'Keep reduced axes as size 1.' },
  };
  if (axesInput) attributes.noop_with_empty_axes = { type: 'int', default: 0, allowed: [0, 1], description: 'With no axes: 1 = identity, 0 = reduce all.' };
  else attributes.axes = { type: 'ints', description: 'Axes to reduce (default: all).' };
  return defineOp({
    domain: '',
    opType,
    since,
    inputs: axesInput ? [1, 2] : [1, 1],
    outputs: [1, 1],
    attributes,
    ...(axesInput ? { upgrade: (ctx: UpgradeContext) => void intsAttributeToInput(ctx, 'axes', 1) } : {}),
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      if (!x) return [undefined];
      const keep = attrInt(ctx.node, 'keepdims', 1) === 1;
      let axes: number[] | undefined;
      if (axesInput) {
        if (ctx.node.inputs[1]) {
          axes = constInts(ctx, 1);
          if (!axes) {
            if (!x.shape) return [tensorOf(x.elemType)];
            if (keep) return [tensorOf(x.elemType, unknownDims(x.shape.length))];
            const n = length1d(ctx, 1);
            return [tensorOf(x.elemType, n === undefined ? undefined : unknownDims(x.shape.length - n))];
          }
        }
      } else if (ctx.node.attributes.has('axes')) axes = attrInts(ctx.node, 'axes');
      if (axes && axes.length === 0) axes = undefined;
      if (!axes && axesInput && attrInt(ctx.node, 'noop_with_empty_axes', 0) === 1) return [tensorOf(x.elemType, x.shape)];
      if (!x.shape) return [tensorOf(x.elemType)];
      const rank = x.shape.length;
      const red = axes ? normAxes(ctx, axes, rank) : Array.from({ length: rank }, (_, k) => k);
      const out: Dim[] = [];
      x.shape.forEach((d, k) => {
        if (!red.includes(k)) out.push(d);
        else if (keep) out.push(1);
      });
      return [tensorOf(x.elemType, out)];
    },
    ...(inferDataTypes ? { inferDataTypes } : {}),
  });
}
