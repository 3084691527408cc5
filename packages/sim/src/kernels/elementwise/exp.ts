import { unaryKernel } from '../../helpers/unary-kernel';

/** Exp. */
export default unaryKernel('Exp', { float: Math.exp });
