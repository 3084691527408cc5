import { describe, expect, it } from 'vitest';
import { chooseMultiplier, constantMultiplierLuts, dspPerProduct, lutMultiplierLuts, multiplierResources } from './multiplier';

describe('DSP-or-LUT policy', () => {
  it('auto: LUT up to 100 partial-product bits (10 × 10), DSP beyond; the note states the choice', () => {
    expect(chooseMultiplier(8, 6)).toEqual({ impl: 'lut', note: 'multipliers: 8×6-bit products in LUTs (auto: 8·6 = 48 ≤ 100 partial-product bits)' });
    expect(chooseMultiplier(10, 10).impl).toBe('lut');
    expect(chooseMultiplier(18, 4).impl).toBe('lut'); // 72: a narrow operand keeps a wide product in LUTs
    expect(chooseMultiplier(11, 10)).toEqual({ impl: 'dsp', note: 'multipliers: 11×10-bit products in DSP48E2 (auto: 11·10 = 110 > 100 partial-product bits)' });
    expect(chooseMultiplier(16, 8).impl).toBe('dsp');
  });

  it('lut / dsp force the choice', () => {
    expect(chooseMultiplier(16, 16, 'lut')).toEqual({ impl: 'lut', note: "multipliers: 16×16-bit products in LUTs (policy 'lut')" });
    expect(chooseMultiplier(2, 2, 'dsp').impl).toBe('dsp');
  });
});

describe('multiplier costs', () => {
  it.each([
    [4, 4, 24], // (2·⌈8/6⌉ − 1)·8 = 3·8
    [8, 8, 80], // (2·⌈16/6⌉ − 1)·16 = 5·16
    [8, 6, 70], // (2·⌈14/6⌉ − 1)·14 = 5·14
    [18, 18, 396], // (2·6 − 1)·36
  ])('LUT multiplier %i × %i: %i LUTs (reference §3.2)', (a, b, luts) => {
    expect(lutMultiplierLuts(a, b)).toBe(luts);
  });

  it('18 × 18 is in the range of the Vivado LUT multiplier IP (365–401 LUTs, hls4ml issue #99)', () => {
    expect(lutMultiplierLuts(18, 18)).toBeGreaterThanOrEqual(365);
    expect(lutMultiplierLuts(18, 18)).toBeLessThanOrEqual(401);
  });

  it.each([
    [6, 8, 14], // variable ≤ 6 bits: one LUT6 per product bit, 6 + 8
    [8, 8, 48], // ⌈8/3⌉ = 3 adders of 16 bits, below the general 80
    [8, 2, 10], // ⌈2/3⌉ = 1 adder of 10 bits, below the general (2·2 − 1)·10 = 30
    [2, 2, 4], // 2 + 2, below the general (2·1 − 1)·4 = 4: equal
  ])('constant-coefficient %i × %i: %i LUTs', (a, b, luts) => {
    expect(constantMultiplierLuts(a, b)).toBe(luts);
  });

  it.each([
    [18, 18, 1],
    [27, 18, 1],
    [28, 18, 2], // ⌈28/27⌉·⌈18/18⌉
    [30, 20, 4], // ⌈30/27⌉·⌈20/18⌉ = 2·2
    [8, 6, 1],
  ])('DSP48E2 slices for %i × %i: %i', (a, b, dsp) => {
    expect(dspPerProduct(a, b)).toBe(dsp);
  });

  it('resources of one product: LUT with its product register, or DSP without fabric', () => {
    // 8 × 6 in LUTs: 70 LUTs, 14 FF (the a + b = 14-bit product register).
    expect(multiplierResources({ aBits: 8, bBits: 6 })).toMatchObject({ impl: 'lut', lut: 70, ff: 14, dsp: 0 });
    expect(multiplierResources({ aBits: 16, bBits: 8 })).toMatchObject({ impl: 'dsp', lut: 0, ff: 0, dsp: 1 });
    expect(multiplierResources({ aBits: 6, bBits: 8, constantB: true })).toMatchObject({ lut: 14, ff: 14 });
    expect(() => multiplierResources({ aBits: 0, bBits: 8 })).toThrow(/multiplierResources: aBits must be a positive integer, got 0/);
  });
});
