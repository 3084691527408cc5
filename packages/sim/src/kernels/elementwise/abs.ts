import { unaryKernel } from '../../helpers/unary-kernel';

/** Abs: |x|; integers wrap (|-128| stays -128 in int8); unsigned values are unchanged. */
export default unaryKernel('Abs', { float: Math.abs, int: Math.abs, big: (x) => (x < 0n ? -x : x) });
