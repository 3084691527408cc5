import { unaryKernel } from '../../helpers/unary-kernel';

/** Sqrt (NaN for negative inputs). */
export default unaryKernel('Sqrt', { float: Math.sqrt });
