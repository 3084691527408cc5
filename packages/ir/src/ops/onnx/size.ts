import { Tensor } from '../../tensor/tensor';
import { defineOp, type OpSchema } from '../op-schema';
import { dimProduct, tensorOf } from './shape-helpers';

/** Size: the number of elements of the input, as an int64 scalar. */
export const sizeOps: OpSchema[] = [
  defineOp({
    domain: '',
    opType: 'Size',
    since: 1,
    inputs: [1, 1],
    outputs: [1, 1],
    inferTypes: () => [tensorOf('int64', [])],
    inferValues(ctx) {
      const s = ctx.tensorInput(0)?.shape;
      const n = s ? dimProduct(s) : null;
      return typeof n === 'number' ? [Tensor.int64([], [n])] : undefined;
    },
  }),
];
