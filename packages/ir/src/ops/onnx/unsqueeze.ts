import { attrInts } from '../../graph/attribute';
import type { Dim } from '../../graph/value-type';
import { defineOp, type OpSchema, type UpgradeContext } from '../op-schema';
import { keepFirstDataType } from './datatype-rules';
import { constInts, length1d, normAxes, tensorOf, unknownDims } from './shape-helpers';
import { intsAttributeToInput } from './upgrade-helpers';

function unsqueezeOp(since: number): OpSchema {
  return defineOp({
    domain: '',
    opType: 'Unsqueeze',
    traits: { dataMovement: { kind: 'layout' } },
    since,
    ...(since >= 13 ? { upgrade: (ctx: UpgradeContext) => void intsAttributeToInput(ctx, 'axes', 1) } : {}),
    inputs: since >= 13 ? [2, 2] : [1, 1],
    outputs: [1, 1],
    description: 'Inserts size-1 axes at the given positions of the output.',
    ...(since < 13 ? { attributes: { axes: { type: 'ints', required: true, description: 'Positions of the new axes in the output.' } } } : {}),
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      if (!x) return [undefined];
      const axes = since < 13 ? attrInts(ctx.node, 'axes') : constInts(ctx, 1);
      if (!x.shape) return [tensorOf(x.elemType)];
      if (!axes) {
        const n = length1d(ctx, 1);
        return [tensorOf(x.elemType, n === undefined ? undefined : unknownDims(x.shape.length + n))];
      }
      const rank = x.shape.length + axes.length;
      const at = new Set(normAxes(ctx, axes, rank));
      const out: Dim[] = [];
      let j = 0;
      for (let k = 0; k < rank; k++) out.push(at.has(k) ? 1 : x.shape[j++]);
      return [tensorOf(x.elemType, out)];
    },
    inferDataTypes: keepFirstDataType,
  });
}

/** Unsqueeze (axes attribute at opsets 1/11, axes input from 13). */
export const unsqueezeOps: OpSchema[] = [unsqueezeOp(1), unsqueezeOp(13)];
