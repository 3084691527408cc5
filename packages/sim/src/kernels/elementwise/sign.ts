import { unaryKernel } from '../../helpers/unary-kernel';

const sign = (x: number): number => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN);

/** Sign (opset 9+): -1, 0 or 1 (NaN stays NaN). */
export default unaryKernel('Sign', { float: sign, int: sign, big: (x) => (x > 0n ? 1n : x < 0n ? -1n : 0n) }, 9);
