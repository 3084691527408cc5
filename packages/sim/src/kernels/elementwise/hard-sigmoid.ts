import { attrFloat } from '@scanflow/ir';
import { unaryKernel } from '../../helpers/unary-kernel';

/** HardSigmoid: max(0, min(1, alpha * x + beta)), alpha 0.2 and beta 0.5 by default (float32 attributes). */
export default unaryKernel('HardSigmoid', (node) => {
  const alpha = Math.fround(attrFloat(node, 'alpha', 0.2));
  const beta = Math.fround(attrFloat(node, 'beta', 0.5));
  return {
    float: (x) => {
      const y = alpha * x + beta;
      return y < 0 ? 0 : y > 1 ? 1 : y;
    },
  };
});
