import { smallestIntTypeForRange } from '../../datatype/datatype';
import { attrInt } from '../../graph/attribute';
import { defineOp, type AttributeSpec, type OpSchema } from '../op-schema';
import { normAxis, tensorOf } from './shape-helpers';

/** Schema factory for ArgMax / ArgMin (opset 12 adds select_last_index). */
export function argOp(opType: string, since: number): OpSchema {
  const attributes: Record<string, AttributeSpec> = {
    axis: { type: 'int', default: 0, description: 'Axis to reduce (negative from opset 11).' },
    keepdims: { type: 'int', default: 1, allowed: [0, 1] },
  };
  if (since >= 12) attributes.select_last_index = { type: 'int', default: 0, allowed: [0, 1], description: 'On ties, pick the last index.' };
  return defineOp({
    domain: '',
    opType,
    since,
    inputs: [1, 1],
    outputs: [1, 1],
    attributes,
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      if (!x?.shape) return [tensorOf('int64')];
      const axis = normAxis(ctx, attrInt(ctx.node, 'axis', 0), x.shape.length);
      const keep = attrInt(ctx.node, 'keepdims', 1) === 1;
      return [tensorOf('int64', keep ? x.shape.map((d, k) => (k === axis ? 1 : d)) : x.shape.filter((_, k) => k !== axis))];
    },
    inferDataTypes(ctx) {
      // An index into an axis of size n lies in [0, n - 1].
      const s = ctx.graph.typeOf(ctx.node.inputs[0]);
      if (s?.kind !== 'tensor' || !s.shape) return [undefined];
      const r = s.shape.length;
      let axis = attrInt(ctx.node, 'axis', 0);
      if (axis < 0) axis += r;
      const n = s.shape[axis];
      return [typeof n === 'number' && n >= 1 ? smallestIntTypeForRange(0, Math.max(n - 1, 1)) : undefined];
    },
  });
}
