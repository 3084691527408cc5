/**
 * Rounding functions shared by the quantisation kernels. They keep the sign of zero the way numpy
 * does (np.rint(-0.3) is -0.0), because QONNX reference values are compared bit for bit.
 */

/** Round half to even (numpy `rint` / `round`, C `nearbyint`). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x); // half up towards +inf, keeps -0 for (-0.5, -0]
  if (r - x === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}

/** numpy's `sign`: +1, -1, or +0 for both zeros (NaN stays NaN). */
export function npSign(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : x;
}

export type RoundingFn = (x: number) => number;

/**
 * The rounding function of a QONNX `rounding_mode` (case-insensitive): ROUND / HALF_EVEN, CEIL, FLOOR,
 * UP (away from zero), DOWN (towards zero), HALF_UP, HALF_DOWN. `round` rounds intermediate results
 * to the working precision (Math.fround for float32 tensors, as numpy float32 arithmetic does).
 * Undefined for an unknown mode.
 */
export function qonnxRounding(mode: string, round: (x: number) => number = (x) => x): RoundingFn | undefined {
  switch (mode.toUpperCase()) {
    case 'ROUND':
    case 'HALF_EVEN':
      return roundHalfEven;
    case 'CEIL':
      return Math.ceil;
    case 'FLOOR':
      return Math.floor;
    case 'UP':
      return (x) => npSign(x) * Math.ceil(Math.abs(x));
    case 'DOWN':
      return Math.trunc;
    case 'HALF_UP':
      return (x) => npSign(x) * Math.floor(round(Math.abs(x) + 0.5));
    case 'HALF_DOWN':
      return (x) => npSign(x) * Math.ceil(round(Math.abs(x) - 0.5));
    default:
      return undefined;
  }
}

export const QONNX_ROUNDING_MODES = ['ROUND', 'HALF_EVEN', 'CEIL', 'FLOOR', 'UP', 'DOWN', 'HALF_UP', 'HALF_DOWN'] as const;

/**
 * QONNX's integer range for a bit width: signed narrow [-2^(b-1)+1, 2^(b-1)-1], signed
 * [-2^(b-1), 2^(b-1)-1], unsigned [0, 2^b-1], unsigned narrow [0, 2^b-2].
 */
export function qonnxIntRange(signed: boolean, narrow: boolean, bits: number): [number, number] {
  if (signed) return [-(2 ** (bits - 1)) + (narrow ? 1 : 0), 2 ** (bits - 1) - 1];
  return [0, 2 ** bits - 1 - (narrow ? 1 : 0)];
}

/**
 * numpy's float clip: max(x, lo) then min(·, hi), where each comparison is strict and NaN passes
 * through; so a zero of either sign equal to a bound becomes that bound's zero.
 */
export function npClip(x: number, lo: number, hi: number): number {
  if (x !== x) return x;
  const a = x > lo ? x : lo;
  return a < hi ? a : hi;
}
