import { unaryKernel } from '../../helpers/unary-kernel';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * The error function in double precision, from the series
 * erf(a) = 2/√π · exp(-a²) · Σ 2ⁿ a^(2n+1) / (1·3·…·(2n+1)), whose terms are all positive
 * (no cancellation). For |x| ≥ 6, erf(x) is ±1 to double precision.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a >= 6) return x < 0 ? -1 : 1;
  const a2 = 2 * a * a;
  let term = a;
  let sum = a;
  for (let n = 1; n < 500; n++) {
    term *= a2 / (2 * n + 1);
    sum += term;
    if (term <= sum * 1e-17) break;
  }
  const r = TWO_OVER_SQRT_PI * Math.exp(-a * a) * sum;
  return x < 0 ? -r : r;
}

/** Erf (opset 9+). */
export default unaryKernel('Erf', { float: erf }, 9);
