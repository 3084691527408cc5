import { variadicKernel } from '../../helpers/variadic-kernel';

// NaN wins (like numpy.minimum)
const min = (a: number, x: number): number => (a < x || a !== a ? a : x);

/** Min: elementwise minimum of one or more inputs with broadcasting; NaN propagates. */
export default variadicKernel({ opType: 'Min', float: min, int: min, big: (a, x) => (a < x ? a : x) });
