import { describe, expect, it } from 'vitest';
import { fifoImpl, fifoResources } from './fifo';

describe('fifoResources', () => {
  it.each([
    // depth 2 × 8: SRL, two SRL16 per LUT: ⌈8/2⌉ = 4; p = 2: LUT 4 + 2 + 2 = 8; FF 2 + 2 = 4.
    [{ depth: 2, bits: 8 }, 'srl', { lut: 8, ff: 4, bram18: 0 }],
    // 20 × 48 = 960 ≤ 1024: SRLC32E, 48·⌈20/32⌉ = 48; p = 5: LUT 48 + 5 + 2 = 55; FF 7.
    [{ depth: 20, bits: 48 }, 'srl', { lut: 55, ff: 7, bram18: 0 }],
    // 32 × 64 = 2048 > 1024, ≤ 64 words: LUT-RAM 4·⌈64/6⌉ = 44; p = 6: control 2·6 + 2·3 + 2 = 20;
    // LUT 64; FF 2·6 + 2 + 64 = 78.
    [{ depth: 32, bits: 64 }, 'lutram', { lut: 64, ff: 78, bram18: 0 }],
    // 512 × 32: BRAM ⌈512/512⌉·⌈32/36⌉ = 1; p = 10: LUT 20 + 10 + 2 = 32; FF 20 + 2 + 32 = 54.
    [{ depth: 512, bits: 32 }, 'bram', { lut: 32, ff: 54, bram18: 1 }],
    // a 2-deep FIFO stays in SRLs however wide: ⌈600/2⌉ + 2 + 2 = 304.
    [{ depth: 2, bits: 600 }, 'srl', { lut: 304, ff: 4 }],
  ] as const)('%o → %s %o', (p, impl, expected) => {
    expect(fifoImpl(p.depth, p.bits)).toBe(impl);
    expect(fifoResources(p)).toMatchObject(expected);
  });

  it('forced implementations', () => {
    // BRAM 16 × 8: ⌈16/2048⌉·⌈8/9⌉ = 1.
    expect(fifoResources({ depth: 16, bits: 8, impl: 'bram' }).bram18).toBe(1);
    expect(fifoResources({ depth: 1024, bits: 8, impl: 'srl' })).toMatchObject({ bram18: 0, lut: 8 * 32 + 11 + 2 });
  });

  it('deeper or wider never costs fewer LUT + BRAM', () => {
    let previous = 0;
    for (const depth of [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]) {
      const r = fifoResources({ depth, bits: 16 });
      const cost = r.lut + 1000 * r.bram18;
      expect(cost).toBeGreaterThanOrEqual(previous);
      previous = cost;
      expect(fifoResources({ depth, bits: 24 }).lut + 1000 * fifoResources({ depth, bits: 24 }).bram18).toBeGreaterThanOrEqual(cost);
    }
  });

  it('rejects a zero depth naming the primitive', () => {
    expect(() => fifoResources({ depth: 0, bits: 8 })).toThrow('fifoResources: depth must be a positive integer, got 0');
  });
});
