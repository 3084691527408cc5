import { variadicKernel } from '../../helpers/variadic-kernel';

/** Sum: elementwise sum of one or more inputs with broadcasting, accumulated in double, rounded once. */
export default variadicKernel({ opType: 'Sum', float: (a, x) => a + x });
