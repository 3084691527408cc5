import { smallestIntTypeForRange } from '../../datatype/datatype';
import { attrInt } from '../../graph/attribute';
import { formatShape } from '../../graph/value-type';
import { defineOp, type OpSchema } from '../op-schema';
import { tensorOf } from '../onnx/shape-helpers';
import { foldingAttrs, HW_DOMAIN, positiveAttr, requireChannelsLast, requireFold } from './hw-helpers';

/**
 * Thresholding: y = out_bias + #{k : x ≥ T[c][k]} for every element of channel c (the last
 * dimension). T is [C, NT] (per channel) or [1, NT] (shared). PE channels per cycle, C % PE = 0.
 */
export const thresholdingOps: OpSchema[] = [
  defineOp({
    domain: HW_DOMAIN,
    opType: 'Thresholding',
    inputs: [2, 2],
    outputs: [1, 1],
    description: 'Multi-threshold activation on a channel-last stream.',
    attributes: {
      channels: { type: 'int', required: true, description: 'Channels per vector (the last dimension).' },
      ...foldingAttrs,
      out_bias: { type: 'int', default: 0, description: 'Added to the count.' },
    },
    inferTypes(ctx) {
      const c = positiveAttr(ctx, 'channels');
      requireFold(ctx, 'channels', c, 'pe', positiveAttr(ctx, 'pe', 1));
      const shape = requireChannelsLast(ctx, 0, c, 'input');
      const t = ctx.tensorInput(1)?.shape;
      if (t && (t.length !== 2 || (t[0] !== 1 && t[0] !== c))) ctx.fail(`Thresholding: thresholds have shape ${formatShape(t)}, expected [${c} or 1, steps]`);
      const x = ctx.tensorInput(0);
      return [x ? tensorOf(x.elemType, shape) : undefined];
    },
    inferDataTypes(ctx) {
      const t = ctx.graph.typeOf(ctx.node.inputs[1]);
      const steps = t?.kind === 'tensor' && typeof t.shape?.[1] === 'number' ? t.shape[1] : ctx.constant(1)?.dims[1];
      const bias = attrInt(ctx.node, 'out_bias', 0);
      return steps === undefined ? [undefined] : [smallestIntTypeForRange(bias, bias + steps)];
    },
  }),
];
