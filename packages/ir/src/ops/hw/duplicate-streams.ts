import { defineOp, type OpSchema } from '../op-schema';
import { channelAttrs, channelStream, HW_DOMAIN } from './hw-helpers';

/** DuplicateStreams: copies one stream to every output (fan-out in a dataflow design). */
export const duplicateStreamsOps: OpSchema[] = [
  defineOp({
    domain: HW_DOMAIN,
    opType: 'DuplicateStreams',
    inputs: [1, 1],
    outputs: [2, Number.MAX_SAFE_INTEGER],
    description: 'Copies a stream to two or more consumers.',
    attributes: channelAttrs,
    inferTypes(ctx) {
      const { type } = channelStream(ctx);
      return ctx.node.outputs.map(() => type);
    },
    inferDataTypes: (ctx) => ctx.node.outputs.map(() => ctx.dataType(0)),
  }),
];
