import { unaryKernel } from '../../helpers/unary-kernel';

/** Tanh. */
export default unaryKernel('Tanh', { float: Math.tanh }, 1, (x, out, n) => {
  for (let k = 0; k < n; k++) out[k] = Math.tanh(x[k]);
});
