import { variadicKernel } from '../../helpers/variadic-kernel';

/** Mean: elementwise mean of one or more inputs with broadcasting, accumulated in double, rounded once. */
export default variadicKernel({ opType: 'Mean', float: (a, x) => a + x, finish: (a, count) => a / count });
