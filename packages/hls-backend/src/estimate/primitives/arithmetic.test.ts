import { describe, expect, it } from 'vitest';
import { adderLuts, adderTree, comparatorLuts, popcountTree } from './arithmetic';
import { bitsFor, muxLuts, noResources, scaleResources, sumResources } from './resources';

describe('resource helpers', () => {
  it.each([
    [0, 1],
    [1, 1],
    [2, 2], // 0..2 needs 2 bits
    [3, 2],
    [4, 3],
    [61, 6], // 61 < 64
    [63, 6],
    [64, 7],
  ])('bitsFor(%i) = %i', (v, bits) => {
    expect(bitsFor(v)).toBe(bits);
  });

  it.each([
    [1, 0],
    [2, 1], // one LUT6 as 2:1
    [4, 1], // one LUT6 as 4:1
    [5, 2], // ⌈4/3⌉
    [16, 5], // 4 + 1 in a 4-ary tree
    [21, 7], // ⌈20/3⌉
  ])('muxLuts(%i) = %i', (n, luts) => {
    expect(muxLuts(n)).toBe(luts);
  });

  it('sums field-wise and keeps each note once; scaling multiplies every count', () => {
    const a = { lut: 1, ff: 2, bram18: 3, uram: 4, dsp: 5, notes: ['x'] };
    const b = { lut: 10, ff: 20, bram18: 30, uram: 40, dsp: 50, notes: ['x', 'y'] };
    expect(sumResources(a, b, noResources())).toEqual({ lut: 11, ff: 22, bram18: 33, uram: 44, dsp: 55, notes: ['x', 'y'] });
    expect(scaleResources(a, 3)).toEqual({ lut: 3, ff: 6, bram18: 9, uram: 12, dsp: 15, notes: ['x'] });
  });
});

describe('adders and comparators', () => {
  it('an adder is one LUT per operand bit', () => {
    expect(adderLuts(8)).toBe(8);
  });

  it.each([
    [18, 'variable', 9], // 2 bits per LUT6_2: ⌈18/2⌉
    [20, 'variable', 10],
    [18, 'constant', 6], // 3 bits per LUT6_2: ⌈18/3⌉
    [7, 'constant', 3], // ⌈7/3⌉
    [1, 'variable', 1],
  ] as const)('%i-bit comparator against a %s: %i LUTs', (bits, operand, luts) => {
    expect(comparatorLuts(bits, operand)).toBe(luts);
  });
});

describe('adder trees', () => {
  it('4 operands of 8 bits', () => {
    // level 1: two 8-bit adders (16 LUTs) → two 9-bit sums (18 live bits);
    // level 2: one 9-bit adder (9 LUTs) → a 10-bit sum. 25 LUTs, 2 levels.
    expect(adderTree(4, 8)).toEqual({ lut: 25, levels: 2, liveBits: [18, 10], outBits: 10 });
  });

  it('3 operands of 8 bits capped at 9 bits (the accumulator type)', () => {
    // level 1: one 8-bit adder → 9 bits, the third operand passes: live 9 + 8 = 17;
    // level 2: max(9, 8) = 9-bit adder → min(9, 10) = 9 bits. 8 + 9 = 17 LUTs.
    expect(adderTree(3, 8, 9)).toEqual({ lut: 17, levels: 2, liveBits: [17, 9], outBits: 9 });
  });

  it('a single operand needs no adder', () => {
    expect(adderTree(1, 8)).toEqual({ lut: 0, levels: 0, liveBits: [], outBits: 8 });
  });

  it('popcount of 61 one-bit values', () => {
    // L1: 30 pairs of 1-bit (30 LUTs) → 30 counts ≤ 2 (2 bits) + 1 passing: live 61.
    // L2: 15 pairs of 2-bit (30) → 15 counts ≤ 4 (3 bits) + 1: live 46.
    // L3: 7 pairs of 3-bit (21) → ≤ 8 (4 bits); (3-bit, 1-bit) (3) → ≤ 5 (3 bits): 24 LUTs, live 7·4 + 3 = 31.
    // L4: 3 pairs of 4-bit (12) → ≤ 16 (5 bits); (4-bit, 3-bit) (4) → ≤ 13 (4 bits): 16 LUTs, live 19.
    // L5: (5, 5) → ≤ 32 (6 bits); (5, 4) → ≤ 29 (5 bits): 10 LUTs, live 11.
    // L6: (6, 5) → ≤ 61 (6 bits): 6 LUTs. Total 30 + 30 + 24 + 16 + 10 + 6 = 116.
    expect(popcountTree(61)).toEqual({ lut: 116, levels: 6, liveBits: [61, 46, 31, 19, 11, 6], outBits: 6 });
  });

  it('popcount of 15', () => {
    // L1: 7 × 1 = 7 → 7 × 2 bits + 1: live 15. L2: 3 × (2, 2) = 6 → ≤ 4 (3 bits); (2, 1) = 2 → ≤ 3 (2 bits): 8, live 11.
    // L3: (3, 3) = 3 → ≤ 8 (4 bits); (3, 2) = 3 → ≤ 7 (3 bits): 6, live 7. L4: (4, 3) = 4 → 15 (4 bits). Total 25.
    expect(popcountTree(15)).toEqual({ lut: 25, levels: 4, liveBits: [15, 11, 7, 4], outBits: 4 });
  });

  it('more values to count never cost fewer LUTs', () => {
    for (let n = 2; n <= 256; n++) expect(popcountTree(n).lut).toBeGreaterThanOrEqual(popcountTree(n - 1).lut);
  });
});
