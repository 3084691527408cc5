import { defineOp, type OpSchema } from '../op-schema';
import { tensorOf } from '../onnx/shape-helpers';
import { foldingAttrs, HW_DOMAIN, positiveAttr, requireChannelsLast, requireFold } from './hw-helpers';

/** DuplicateStreams: copies one stream to every output (fan-out in a dataflow design). */
export const duplicateStreamsOps: OpSchema[] = [
  defineOp({
    domain: HW_DOMAIN,
    opType: 'DuplicateStreams',
    inputs: [1, 1],
    outputs: [2, Number.MAX_SAFE_INTEGER],
    description: 'Copies a stream to two or more consumers.',
    attributes: {
      channels: { type: 'int', required: true, description: 'Channels per vector (the last dimension).' },
      ...foldingAttrs,
    },
    inferTypes(ctx) {
      const c = positiveAttr(ctx, 'channels');
      requireFold(ctx, 'channels', c, 'pe', positiveAttr(ctx, 'pe', 1));
      const shape = requireChannelsLast(ctx, 0, c, 'input');
      const x = ctx.tensorInput(0);
      return ctx.node.outputs.map(() => (x ? tensorOf(x.elemType, shape) : undefined));
    },
    inferDataTypes: (ctx) => ctx.node.outputs.map(() => ctx.dataType(0)),
  }),
];
