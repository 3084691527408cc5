import { attrInt } from '../../graph/attribute';
import { defineOp, type OpSchema } from '../op-schema';
import { tensorOf } from './shape-helpers';

/**
 * Schema factory for Softmax / LogSoftmax: before opset 13 the input is coerced to 2-D at `axis`
 * (default 1); from 13 the op works along one axis (default -1). The shape is unchanged either way.
 */
export function softmaxLikeOp(opType: string, since: number): OpSchema {
  const dflt = since >= 13 ? -1 : 1;
  return defineOp({
    domain: '',
    opType,
    since,
    inputs: [1, 1],
    outputs: [1, 1],
    attributes: { axis: { type: 'int', default: dflt } },
    inferTypes(ctx) {
      const x = ctx.tensorInput(0);
      if (!x) return [undefined];
      if (x.shape) {
        const r = x.shape.length;
        const axis = attrInt(ctx.node, 'axis', dflt);
        // Before 13 the axis may also equal the rank (the input is coerced to [N, 1]).
        const hi = since < 13 ? r : r - 1;
        if (axis < -r || axis > hi) ctx.fail(`${opType}: axis ${axis} is out of range for rank ${r} (expected ${-r} to ${hi})`);
      }
      return [tensorOf(x.elemType, x.shape)];
    },
  });
}
