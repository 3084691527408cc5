import { binaryKernels } from '../../helpers/binary-kernel';

/** Add: numpy broadcasting from opset 7 (the `broadcast` / `axis` attributes before); integers wrap. */
export default binaryKernels({
  opType: 'Add',
  legacy: true,
  arith: '+',
  float: (x, y) => x + y,
  int: (x, y) => x + y,
  big: (x, y) => x + y,
});
