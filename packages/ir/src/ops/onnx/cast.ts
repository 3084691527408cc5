import { attrInt } from '../../graph/attribute';
import { elemTypeFromCode, type ElemType } from '../../tensor/elem-type';
import { defineOp, type AttributeSpec, type InferenceContext, type OpSchema } from '../op-schema';
import { tensorOf } from './shape-helpers';

/** The element type named by Cast's `to` (a TensorProto.DataType code). */
export function castTarget(ctx: InferenceContext, name = 'to'): ElemType {
  const code = attrInt(ctx.node, name);
  const t = elemTypeFromCode(code);
  if (!t) ctx.fail(`${ctx.node.opType}: attribute '${name}' = ${code} is not a known tensor element type`);
  return t;
}

export const saturate: AttributeSpec = {
  type: 'int',
  default: 1,
  allowed: [0, 1],
  description: 'Float 8 targets: clamp out-of-range values to the largest finite value instead of giving inf/NaN.',
};

export const roundMode: AttributeSpec = {
  type: 'string',
  default: 'up',
  allowed: ['up', 'down', 'nearest'],
  description: 'Rounding for conversions to float8e8m0.',
};

function castOp(since: number): OpSchema {
  return defineOp({
    domain: '',
    opType: 'Cast',
    traits: { elementwise: { broadcast: 'none' } },
    since,
    inputs: [1, 1],
    outputs: [1, 1],
    description: 'Converts the elements to the type `to`; the shape is unchanged.',
    attributes: {
      to: { type: 'int', required: true, description: 'Target element type (TensorProto.DataType code).' },
      ...(since >= 19 ? { saturate } : {}),
      ...(since >= 24 ? { round_mode: roundMode } : {}),
    },
    inferTypes(ctx) {
      const to = castTarget(ctx);
      return [tensorOf(to, ctx.tensorInput(0)?.shape)];
    },
  });
}

/** Cast (opset 6 on: `to` is an element type code; 19 adds saturate, 24 round_mode). */
export const castOps: OpSchema[] = [castOp(6), castOp(19), castOp(24)];
