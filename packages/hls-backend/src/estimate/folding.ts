import { HlsEstimateError } from './types';

/**
 * Folding rules (reference spec §2.7): a layer with C channels processed PE at a time needs
 * C % PE === 0; an MVAU additionally needs MW % SIMD === 0 (synapse fold SF = MW / SIMD) and
 * MH % PE === 0 (neuron fold NF = MH / PE). The legal values are therefore the divisors.
 */

/** All positive divisors of `n`, ascending (the legal PE or SIMD values for a dimension n). */
export function divisors(n: number): number[] {
  if (!Number.isInteger(n) || n < 1) {
    throw new HlsEstimateError(`divisors: expected a positive integer, got ${n}`);
  }
  const low: number[] = [];
  const high: number[] = [];
  for (let d = 1; d * d <= n; d++) {
    if (n % d === 0) {
      low.push(d);
      if (d * d !== n) high.unshift(n / d);
    }
  }
  return [...low, ...high];
}

/** Legal MVAU PE values: the divisors of MH. */
export function legalMvauPe(mh: number): number[] {
  return divisors(mh);
}

/** Legal MVAU SIMD values: the divisors of MW. */
export function legalMvauSimd(mw: number): number[] {
  return divisors(mw);
}

/** Legal PE values of a channel-parallel layer (thresholding, element-wise, duplicate): divisors of C. */
export function legalChannelPe(channels: number): number[] {
  return divisors(channels);
}

/** Throws unless `value` is a positive integer; `what` names the layer and the field. */
export function requirePositiveInteger(layer: string, field: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new HlsEstimateError(`${layer}: ${field} must be a positive integer, got ${value}`);
  }
}

/**
 * Throws unless `total % fold === 0`, naming the layer, the rule and the legal values.
 * `totalName` / `foldName` are the names used in the message, e.g. 'mw' and 'simd'.
 */
export function requireDivides(
  layer: string,
  totalName: string,
  total: number,
  foldName: string,
  fold: number,
): void {
  requirePositiveInteger(layer, totalName, total);
  requirePositiveInteger(layer, foldName, fold);
  if (total % fold !== 0) {
    throw new HlsEstimateError(
      `${layer}: folding rule ${totalName} % ${foldName} === 0 is broken ` +
        `(${totalName} = ${total}, ${foldName} = ${fold}); legal ${foldName} values: ${divisors(total).join(', ')}`,
    );
  }
}
