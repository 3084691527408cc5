import { formatShape } from '../../graph/value-type';
import { defineOp, type OpSchema } from '../op-schema';
import { channelAttrs, channelStream, HW_DOMAIN, thresholdCountType, thresholdMethodAttrs } from './hw-helpers';

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
      ...channelAttrs,
      out_bias: { type: 'int', default: 0, description: 'Added to the count.' },
      ...thresholdMethodAttrs,
    },
    inferTypes(ctx) {
      const { channels: c, type } = channelStream(ctx);
      const t = ctx.tensorInput(1)?.shape;
      if (t && (t.length !== 2 || (t[0] !== 1 && t[0] !== c))) ctx.fail(`Thresholding: thresholds have shape ${formatShape(t)}, expected [${c} or 1, steps]`);
      return [type];
    },
    inferDataTypes: (ctx) => [thresholdCountType(ctx, 1)],
  }),
];
