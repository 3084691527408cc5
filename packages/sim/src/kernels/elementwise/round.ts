import { unaryKernel } from '../../helpers/unary-kernel';

/** Round half to even: 0.5 → 0, 1.5 → 2, 2.5 → 2, -2.5 → -2. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x); // half up
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Round (opset 11+): to the nearest integer, ties to even. */
export default unaryKernel('Round', { float: roundHalfEven }, 11);
