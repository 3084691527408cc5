import { describe, expect, it } from 'vitest';
import { divisors, legalChannelPe, legalMvauPe, legalMvauSimd, requireDivides } from './folding';
import { HlsEstimateError } from './types';

describe('folding helpers', () => {
  it.each([
    [1, [1]],
    [12, [1, 2, 3, 4, 6, 12]],
    [16, [1, 2, 4, 8, 16]],
    [20, [1, 2, 4, 5, 10, 20]],
    [13, [1, 13]],
  ])('divisors(%i)', (n, expected) => {
    expect(divisors(n)).toEqual(expected);
  });

  it('names the legal PE / SIMD values by dimension', () => {
    expect(legalMvauSimd(10)).toEqual([1, 2, 5, 10]);
    expect(legalMvauPe(20)).toEqual([1, 2, 4, 5, 10, 20]);
    expect(legalChannelPe(6)).toEqual([1, 2, 3, 6]);
  });

  it('rejects non-positive or fractional sizes', () => {
    expect(() => divisors(0)).toThrow(HlsEstimateError);
    expect(() => divisors(2.5)).toThrow(HlsEstimateError);
    expect(() => requireDivides('L', 'mw', 8, 'simd', 0)).toThrow(/simd must be a positive integer/);
  });

  it('reports the broken rule and the legal values', () => {
    expect(() => requireDivides('MVAU x', 'mw', 10, 'simd', 3)).toThrow(
      'MVAU x: folding rule mw % simd === 0 is broken (mw = 10, simd = 3); legal simd values: 1, 2, 5, 10',
    );
  });
});
