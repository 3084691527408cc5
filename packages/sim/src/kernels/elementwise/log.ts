import { unaryKernel } from '../../helpers/unary-kernel';

/** Log (natural logarithm; -inf at 0, NaN below). */
export default unaryKernel('Log', { float: Math.log });
