import { variadicKernel } from '../../helpers/variadic-kernel';

// NaN wins (like numpy.maximum): `a > x || a !== a` keeps a NaN accumulator and takes a NaN operand
const max = (a: number, x: number): number => (a > x || a !== a ? a : x);

/** Max: elementwise maximum of one or more inputs with broadcasting; NaN propagates. */
export default variadicKernel({ opType: 'Max', float: max, int: max, big: (a, x) => (a > x ? a : x) });
