import { describe, expect, it } from 'vitest';
import { estimateStreamWidth, paddedStreamWidth, streamWidthCycles, streamWidthLut } from './stream-width';

// LUT values worked by hand from reference §3.5 (L = lcm(i, o)): FINN's converter.
describe('streamWidthLut', () => {
  it.each([
    // L = 16; i ≠ L: |⌈log2(8/16)⌉| = 1; L = o. cnt = 1, cset = 16 → 17.
    [8, 16, 17],
    // L = 16; i = L; L ≠ o: |⌈log2(16/8)⌉| = 1. cnt = 1, cset = 8 → 9.
    [16, 8, 9],
    // L = 48; |⌈log2(24/48)⌉| = 1, |⌈log2(48/16)⌉| = ⌈1.585⌉ = 2. cnt = 3, cset = 48 + 16 = 64 → 67.
    [24, 16, 67],
    // Equal widths: nothing to convert → 0.
    [8, 8, 0],
  ])('%i → %i bits: %i LUTs', (i, o, lut) => {
    expect(streamWidthLut(i, o)).toBe(lut);
  });
});

describe('estimateStreamWidth', () => {
  it('cycles = max(input words, output words) per vector', () => {
    // 48 bits: 48/8 = 6 input words, 48/16 = 3 output words → 6; two vectors → 12.
    expect(streamWidthCycles({ inWidth: 8, outWidth: 16, vectorBits: 48 })).toBe(6);
    expect(streamWidthCycles({ inWidth: 16, outWidth: 8, vectorBits: 48 })).toBe(6);
    // scanflow's converter 8 → 16 (primitives/converters.test.ts): 31 LUT, 29 FF; loop of 12 trips
    // (4 bits): 4 + 2 + 10 = 16 LUT, 4 + 4 + 1 = 9 FF.
    expect(estimateStreamWidth({ inWidth: 8, outWidth: 16, vectorBits: 48, numVectors: 2 })).toMatchObject({
      cycles: 12,
      lut: 47,
      ff: 38,
      bram18: 0,
      uram: 0,
      dsp: 0,
    });
  });

  it('rejects a vector that is not a whole number of words', () => {
    expect(() => streamWidthCycles({ name: 'dwc0', inWidth: 8, outWidth: 16, vectorBits: 40 })).toThrow(
      /StreamWidthConverter dwc0: vectorBits % outWidth === 0 is broken/,
    );
  });

  it('pads AXI-Stream widths to whole bytes', () => {
    expect(paddedStreamWidth(20)).toBe(24);
    expect(paddedStreamWidth(24)).toBe(24);
    expect(paddedStreamWidth(1)).toBe(8);
  });
});
