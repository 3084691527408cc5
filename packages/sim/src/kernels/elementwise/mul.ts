import { binaryKernels } from '../../helpers/binary-kernel';

/** Mul: numpy broadcasting from opset 7 (the `broadcast` / `axis` attributes before); integers wrap. */
export default binaryKernels({
  opType: 'Mul',
  legacy: true,
  arith: '*',
  float: (x, y) => x * y,
  // the low 32 bits of the product, exact even when x * y exceeds 2^53
  int: (x, y) => Math.imul(x, y),
  big: (x, y) => x * y,
});
