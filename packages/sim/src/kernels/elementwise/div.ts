import { binaryKernels } from '../../helpers/binary-kernel';
import { SimulationError } from '../../errors';

function zeroDivisor(): never {
  throw new SimulationError('Div: integer division by zero');
}

/**
 * Div: numpy broadcasting from opset 7 (the `broadcast` / `axis` attributes before). Integer
 * division truncates toward zero (as onnxruntime and C do); an integer division by zero fails.
 */
export default binaryKernels({
  opType: 'Div',
  legacy: true,
  arith: '/',
  float: (x, y) => x / y,
  int: (x, y) => (y === 0 ? zeroDivisor() : Math.trunc(x / y)),
  big: (x, y) => (y === 0n ? zeroDivisor() : x / y),
});
