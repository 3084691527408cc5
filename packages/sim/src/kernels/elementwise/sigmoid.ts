import { unaryKernel } from '../../helpers/unary-kernel';

/** Sigmoid: 1 / (1 + exp(-x)). */
export default unaryKernel('Sigmoid', { float: (x) => 1 / (1 + Math.exp(-x)) }, 1, (x, out, n) => {
  for (let k = 0; k < n; k++) out[k] = 1 / (1 + Math.exp(-x[k]));
});
