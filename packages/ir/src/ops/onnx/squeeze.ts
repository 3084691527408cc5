import { attrInts } from '../../graph/attribute';
import type { Dim } from '../../graph/value-type';
import { defineOp, type InferenceContext, type OpSchema, type UpgradeContext } from '../op-schema';
import { keepFirstDataType } from './datatype-rules';
import { constInts, length1d, normAxes, tensorOf, unknownDims } from './shape-helpers';
import { intsAttributeToInput } from './upgrade-helpers';

/** The axes to squeeze: the attribute before opset 13, the optional second input from 13. */
function squeezeAxes(ctx: InferenceContext, since: number): number[] | 'unknown' | undefined {
  if (since < 13) return ctx.node.attributes.has('axes') ? attrInts(ctx.node, 'axes') : undefined;
  if (ctx.inputCount < 2) return undefined;
  return constInts(ctx, 1) ?? 'unknown';
}

function squeezeOp(since: number): OpSchema {
  return defineOp({
    domain: '',
    opType: 'Squeeze',
    traits: { dataMovement: { kind: 'layout' } },
    since,
    ...(since >= 13 ? { upgrade: (ctx: UpgradeContext) => void intsAttributeToInput(ctx, 'axes', 1) } : {}),
    inputs: since >= 13 ? [1, 2] : [1, 1],
    outputs: [1, 1],
    description: 'Removes the given size-1 axes (all size-1 axes when none are given).',
    ...(since < 13 ? { attributes: { axes: { type: 'ints', description: 'Axes to remove (default: every size-1 axis).' } } } : {}),
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      if (!x) return [undefined];
      const axes = squeezeAxes(ctx, since);
      if (!x.shape) return [tensorOf(x.elemType)];
      const shape = x.shape;
      if (axes === 'unknown') {
        const n = length1d(ctx, 1);
        return [tensorOf(x.elemType, n === undefined ? undefined : unknownDims(shape.length - n))];
      }
      if (axes === undefined) {
        // Only decidable when every dimension is known (an unknown one might be 1).
        if (shape.some((d) => typeof d !== 'number')) return [tensorOf(x.elemType)];
        return [tensorOf(x.elemType, shape.filter((d) => d !== 1))];
      }
      const drop = normAxes(ctx, axes, shape.length);
      for (const a of drop) {
        if (typeof shape[a] === 'number' && shape[a] !== 1) ctx.fail(`Squeeze: axis ${a} has size ${shape[a]}, expected 1`);
      }
      return [tensorOf(x.elemType, shape.filter((_, k) => !drop.includes(k)) as Dim[])];
    },
    inferDataTypes: keepFirstDataType,
  });
}

/** Squeeze (axes attribute at opsets 1/11, axes input from 13). */
export const squeezeOps: OpSchema[] = [squeezeOp(1), squeezeOp(13)];
