import { attrInt } from '../../graph/attribute';
import { formatShape } from '../../graph/value-type';
import { defineOp, type AttributeSpec, type OpSchema, type UpgradeContext } from '../op-schema';
import { conflict, tensorOf } from './shape-helpers';

const NAMES = ['scale', 'B', 'mean', 'var'];

/** BatchNormalization before opset 9: `spatial` = 1 is the only form with an equivalent; is_test / consumed_inputs are gone. */
function batchNormFromSpatial(ctx: UpgradeContext): undefined {
  const node = ctx.node;
  if (attrInt(node, 'spatial', 1) !== 1) ctx.fail('spatial=0 has no equivalent from opset 9 on');
  if (node.attributes.delete('spatial')) ctx.changed();
  node.attributes.delete('is_test');
  node.attributes.delete('consumed_inputs');
  return undefined;
}

function batchNormOp(since: number): OpSchema {
  const attributes: Record<string, AttributeSpec> = {
    epsilon: { type: 'float', default: 1e-5 },
    momentum: { type: 'float', default: 0.9 },
  };
  if (since < 7) attributes.is_test = { type: 'int', default: 0, allowed: [0, 1] };
  if (since < 9) attributes.spatial = { type: 'int', default: 1, allowed: [0, 1], description: '1: statistics per channel; 0: per element of [C, D1, ...].' };
  if (since >= 14) attributes.training_mode = { type: 'int', default: 0, allowed: [0, 1] };
  return defineOp({
    domain: '',
    opType: 'BatchNormalization',
    since,
    ...(since === 9 ? { upgrade: batchNormFromSpatial } : {}),
    inputs: [5, 5],
    outputs: since >= 14 ? [1, 3] : [1, 5],
    description: 'Y = scale · (X - mean) / sqrt(var + epsilon) + B, per channel (axis 1).',
    attributes,
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      if (!x) return ctx.node.outputs.map(() => undefined);
      const spatial = since >= 9 || attrInt(ctx.node, 'spatial', 1) === 1;
      const c = x.shape ? x.shape[1] ?? null : null;
      if (x.shape && x.shape.length < 2) ctx.fail(`BatchNormalization: input has rank ${x.shape.length}, expected at least 2 ([N, C, ...])`);
      if (spatial) {
        for (let i = 1; i <= 4; i++) {
          const s = ctx.tensorInput(i)?.shape;
          if (s && (s.length !== 1 || conflict(s[0], c))) ctx.fail(`BatchNormalization: ${NAMES[i - 1]} has shape ${formatShape(s)}, expected [${c ?? 'C'}]`);
        }
      }
      const statElem = ctx.tensorInput(3)?.elemType ?? x.elemType;
      const stat = spatial ? tensorOf(statElem, [c]) : tensorOf(statElem, ctx.tensorInput(3)?.shape);
      return [tensorOf(x.elemType, x.shape), stat, stat, stat, stat];
    },
  });
}

/** BatchNormalization: opsets 6 (is_test, spatial), 7 (spatial), 9, 14 (training_mode, 3 outputs). */
export const batchNormalizationOps: OpSchema[] = [batchNormOp(6), batchNormOp(7), batchNormOp(9), batchNormOp(14)];
