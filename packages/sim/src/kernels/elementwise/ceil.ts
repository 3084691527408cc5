import { unaryKernel } from '../../helpers/unary-kernel';

/** Ceil. */
export default unaryKernel('Ceil', { float: Math.ceil });
