import { describe, expect, it } from 'vitest';
import { labelAt, labelSeries, LABEL_DOWN, LABEL_STATIONARY, LABEL_UP } from './labels';

describe('FI-2010 label rule', () => {
  // mids 100, 100.02, 100.01, 99.97, 100.00; α = 0.0001
  const mids = [100, 100.02, 100.01, 99.97, 100.0];
  it('compares the mean of the next k mid-prices with the current one (hand-worked)', () => {
    // t = 0, k = 1: (100.02 − 100) / 100 = 2e-4 > 1e-4 → up
    expect(labelAt(mids, 0, 1, 1e-4)).toBe(LABEL_UP);
    // t = 0, k = 2: mean 100.015, r = 1.5e-4 → up; with α = 2e-4 → stationary
    expect(labelAt(mids, 0, 2, 1e-4)).toBe(LABEL_UP);
    expect(labelAt(mids, 0, 2, 2e-4)).toBe(LABEL_STATIONARY);
    // t = 0, k = 4: mean (100.02 + 100.01 + 99.97 + 100) / 4 = 100.0, r = 0 → stationary
    expect(labelAt(mids, 0, 4, 1e-4)).toBe(LABEL_STATIONARY);
    // t = 1, k = 2: mean (100.01 + 99.97) / 2 = 99.99, r = −0.03 / 100.02 ≈ −3.0e-4 → down
    expect(labelAt(mids, 1, 2, 1e-4)).toBe(LABEL_DOWN);
    // k = 1: t = 1: −0.01 / 100.02 ≈ −0.9998e-4, not below −α → stationary;
    // t = 2: −0.04 / 100.01 ≈ −4.0e-4 → down; t = 3: +0.03 / 99.97 ≈ 3.0e-4 → up
    expect(labelSeries(mids, 4, 1, 1e-4)).toEqual(Uint8Array.of(LABEL_UP, LABEL_STATIONARY, LABEL_DOWN, LABEL_UP));
  });

  it('needs k mid-prices after the sample', () => {
    expect(() => labelAt(mids, 2, 3, 1e-4)).toThrow(/needs 6 mid-prices, got 5/);
  });
});
