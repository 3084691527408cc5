import { argReduceKernel } from '../../helpers/arg-reduce';

/** ArgMin: index of the first (or, with select_last_index, last) minimum along `axis`. */
export default argReduceKernel('ArgMin', (x, best) => x < best);
