import { unaryKernel } from '../../helpers/unary-kernel';

/** Reciprocal: 1 / x. */
export default unaryKernel('Reciprocal', { float: (x) => 1 / x });
