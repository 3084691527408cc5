import { highest, reduceKernels } from '../../helpers/reduce-kernel';

/**
 * ReduceMin: `axes` attribute before opset 18, input from 18. NaN propagates; the min of nothing is
 * +inf for floats and the type's maximum for integers.
 */
export default reduceKernels(
  { opType: 'ReduceMin', init: highest, float: (a, x) => (a < x || a !== a ? a : x), big: (a, x) => (a < x ? a : x), bool: true },
  18,
);
