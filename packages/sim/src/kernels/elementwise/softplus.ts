import { unaryKernel } from '../../helpers/unary-kernel';

/** Softplus: ln(1 + exp(x)), evaluated without overflow for large x. */
export default unaryKernel('Softplus', { float: (x) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))) });
