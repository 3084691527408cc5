import { unaryKernel } from '../../helpers/unary-kernel';

/** Not on bool tensors. */
export default unaryKernel('Not', { bool: (x) => (x ? 0 : 1) });
