import { unaryKernel } from '../../helpers/unary-kernel';

/** Relu: max(0, x) (NaN stays NaN); integer types from opset 14. */
export default unaryKernel('Relu', { float: (x) => (x < 0 ? 0 : x), int: (x) => (x < 0 ? 0 : x), big: (x) => (x < 0n ? 0n : x) }, 1, (x, out, n) => {
  for (let k = 0; k < n; k++) out[k] = x[k] < 0 ? 0 : x[k];
});
