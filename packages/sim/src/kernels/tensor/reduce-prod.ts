import { reduceKernels } from '../../helpers/reduce-kernel';

/** ReduceProd: `axes` attribute before opset 18, input from 18; the product of nothing is 1; integers wrap. */
export default reduceKernels(
  {
    opType: 'ReduceProd',
    init: (t) => (t === 'int64' || t === 'uint64' ? 1n : 1),
    float: (a, x) => a * x,
    int: (a, x) => Math.imul(a, x),
    big: (a, x) => BigInt.asIntN(64, a * x),
  },
  18,
);
