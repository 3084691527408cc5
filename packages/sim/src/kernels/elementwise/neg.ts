import { unaryKernel } from '../../helpers/unary-kernel';

/** Neg: -x; integers wrap (-(-128) stays -128 in int8). */
export default unaryKernel('Neg', { float: (x) => -x, int: (x) => -x, big: (x) => -x });
