import { reduceKernels } from '../../helpers/reduce-kernel';

/**
 * ReduceMean: `axes` attribute before opset 18, input from 18. Integer means truncate toward zero;
 * the mean of nothing is 0 (as in onnxruntime; the spec leaves it undefined).
 */
export default reduceKernels(
  {
    opType: 'ReduceMean',
    init: (t) => (t === 'int64' || t === 'uint64' ? 0n : 0),
    float: (a, x) => a + x,
    big: (a, x) => a + x,
    finish: (a, count, integer) => (count === 0 ? 0 : integer ? Math.trunc(a / count) : a / count),
    finishBig: (a, count) => (count ? a / BigInt(count) : 0n),
  },
  18,
);
