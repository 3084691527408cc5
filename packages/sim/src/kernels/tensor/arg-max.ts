import { argReduceKernel } from '../../helpers/arg-reduce';

/** ArgMax: index of the first (or, with select_last_index, last) maximum along `axis`. */
export default argReduceKernel('ArgMax', (x, best) => x > best);
