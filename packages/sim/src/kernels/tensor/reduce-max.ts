import { lowest, reduceKernels } from '../../helpers/reduce-kernel';

/**
 * ReduceMax: `axes` attribute before opset 18, input from 18. NaN propagates; the max of nothing is
 * -inf for floats and the type's minimum for integers.
 */
export default reduceKernels(
  { opType: 'ReduceMax', init: lowest, float: (a, x) => (a > x || a !== a ? a : x), big: (a, x) => (a > x ? a : x), bool: true },
  18,
);
