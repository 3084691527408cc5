import { attrFloat } from '@scanflow/ir';
import { unaryKernel } from '../../helpers/unary-kernel';

/** LeakyRelu: x for x >= 0, alpha * x below (alpha is a float32 attribute, default 0.01). */
export default unaryKernel('LeakyRelu', (node) => {
  const alpha = Math.fround(attrFloat(node, 'alpha', 0.01));
  return { float: (x) => (x < 0 ? alpha * x : x) };
});
