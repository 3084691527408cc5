import { unaryKernel } from '../../helpers/unary-kernel';

/** Floor. */
export default unaryKernel('Floor', { float: Math.floor });
