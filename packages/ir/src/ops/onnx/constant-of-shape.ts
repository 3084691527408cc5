import { attrTensor } from '../../graph/attribute';
import { defineOp, type OpSchema } from '../op-schema';
import { constInts, length1d, tensorOf, unknownDims } from './shape-helpers';

/** ConstantOfShape: a tensor of the shape given by input 0, filled with `value` (default float32 0). */
export const constantOfShapeOps: OpSchema[] = [
  defineOp({
    domain: '',
    opType: 'ConstantOfShape',
    since: 9,
    inputs: [1, 1],
    outputs: [1, 1],
    attributes: { value: { type: 'tensor', description: 'One-element tensor: the fill value and element type (default float32 0).' } },
    inferTypes(ctx) {
      const value = attrTensor(ctx.node, 'value');
      if (value && value.size !== 1) ctx.fail(`ConstantOfShape: 'value' must hold one element, got ${value.size}`);
      const elem = value?.elemType ?? 'float32';
      const dims = constInts(ctx, 0);
      if (dims) {
        if (dims.some((d) => d < 0)) ctx.fail(`ConstantOfShape: shape [${dims.join(', ')}] has a negative dimension`);
        return [tensorOf(elem, dims)];
      }
      const n = length1d(ctx, 0);
      return [tensorOf(elem, n === undefined ? undefined : unknownDims(n))];
    },
  }),
];
