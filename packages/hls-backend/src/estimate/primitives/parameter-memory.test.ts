import { describe, expect, it } from 'vitest';
import { lutRomLuts, parameterMemoryKind, parameterMemoryResources } from './parameter-memory';
import { lutramLuts } from './lutram';

describe('parameter memories', () => {
  it('one word is a constant: no storage', () => {
    expect(parameterMemoryResources({ depth: 1, bits: 18, storage: 'bram' })).toMatchObject({ lut: 0, ff: 0, bram18: 0 });
    expect(parameterMemoryKind(1, 'lut')).toBe('constant');
  });

  it.each([
    [20, 18, 9], // ≤ 32 words: two 5-input ROM bits per LUT6_2, ⌈18/2⌉
    [2, 7, 4], // ⌈7/2⌉
    [33, 7, 7], // 7·⌈33/64⌉
    [64, 8, 8], // 8·1
    [128, 8, 16], // 8·⌈128/64⌉
  ])('LUT-ROM of %i words × %i bits: %i LUTs', (depth, bits, luts) => {
    expect(lutRomLuts(depth, bits)).toBe(luts);
    expect(parameterMemoryResources({ depth, bits, storage: 'lut' })).toMatchObject({ lut: luts, ff: bits, bram18: 0 });
  });

  it("beyond 32 words the LUT-ROM equals the reference's c2 term P·Q·W·⌈WMEM/64⌉ (§3.2)", () => {
    // P = 2, Q = 4, W = 4, WMEM = 100: c2 = 2·4·4·⌈100/64⌉ = 64; per partition 4·2 = 8, × 8 partitions.
    expect(2 * 4 * lutRomLuts(100, 4)).toBe(64);
  });

  it('auto: LUT-ROM up to 128 words, BRAM beyond (one tiling per partition)', () => {
    expect(parameterMemoryKind(128)).toBe('lut');
    expect(parameterMemoryKind(129)).toBe('bram');
    // 400 × 8: ⌈400/2048⌉·⌈8/9⌉ = 1 RAMB18.
    expect(parameterMemoryResources({ depth: 400, bits: 8 })).toMatchObject({ lut: 0, ff: 0, bram18: 1 });
    // URAM 5000 × 8: ⌈8/72⌉·⌈5000/4096⌉ = 2.
    expect(parameterMemoryResources({ depth: 5000, bits: 8, storage: 'uram' })).toMatchObject({ uram: 2, bram18: 0 });
  });

  it('rejects a zero depth', () => {
    expect(() => parameterMemoryResources({ depth: 0, bits: 8 })).toThrow(/parameterMemoryResources: depth must be a positive integer/);
  });
});

describe('LUT-RAM', () => {
  it.each([
    [20, 7, 8], // RAM32M: 4·⌈7/6⌉
    [32, 6, 4],
    [64, 7, 12], // RAM64M: 4·⌈7/3⌉·1
    [100, 3, 8], // 4·1·⌈100/64⌉
    [0, 3, 0],
  ])('%i words × %i bits: %i LUTs', (depth, bits, luts) => {
    expect(lutramLuts(depth, bits)).toBe(luts);
  });
});
