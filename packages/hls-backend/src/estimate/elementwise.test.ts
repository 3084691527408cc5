import { describe, expect, it } from 'vitest';
import { elementwiseCycles, estimateElementwise } from './elementwise';
import { legalChannelPe } from './folding';

describe('estimateElementwise', () => {
  it.each([
    [{ channels: 20, pe: 1 }, 20], // 20/1
    [{ channels: 20, pe: 4 }, 5], // 20/4
    [{ channels: 20, pe: 4, numVectors: 3 }, 15], // 3·20/4
    [{ channels: 7, pe: 7 }, 1],
  ])('%o → %i cycles', (p, cycles) => {
    expect(elementwiseCycles(p)).toBe(cycles);
  });

  it('mul of two streams, 6 × 7 bits → 13, PE 1 (FINN-GL f⊙c)', () => {
    // Lane: LUT product (2·⌈13/6⌉ − 1)·13 = 65 LUT; FF operands 13 + product 13 = 26.
    // Loop: 20 trips, 5 bits: 5 + 2 + 10 = 17 LUT; depth 1 + 1 = 2: FF 5 + 4 + 2 = 11.
    const e = estimateElementwise({ name: 'mul_fc', op: 'mul', channels: 20, pe: 1, aBits: 6, bBits: 7, outBits: 13 });
    expect(e).toMatchObject({ cycles: 20, lut: 82, ff: 37, bram18: 0, dsp: 0 });
    expect(e.notes).toContain('multipliers: 6×7-bit products in LUTs (auto: 6·7 = 42 ≤ 100 partial-product bits)');
  });

  it('add of a per-channel parameter, PE 4', () => {
    // NF = 5. Lane: ROM of 5 × 8 bits ⌈8/2⌉ = 4 LUT, 8 FF; adder 8 LUT; FF operand 8 + output 9 → 12 LUT, 25 FF; × 4 = 48 / 100.
    // nf counter (0..4): 3 + 1 = 4 LUT, 3 FF. Loop: 5 trips, 3 bits: 3 + 1 + 10 = 14 LUT; FF 3 + 4 + 2 = 9.
    const e = estimateElementwise({ op: 'add', channels: 20, pe: 4, aBits: 8, bBits: 8, operand: 'param' });
    expect(e).toMatchObject({ cycles: 5, lut: 66, ff: 112 });
  });

  it('without operand widths only the control is counted, and the note says so', () => {
    // Loop: 5 trips, 3 bits: 14 LUT, FF 3 + 4 + 2 = 9.
    const e = estimateElementwise({ channels: 20, pe: 4 });
    expect(e).toMatchObject({ lut: 14, ff: 9 });
    expect(e.notes.join(' ')).toMatch(/operand widths unknown/);
  });

  it('rejects channels % pe != 0 naming the op and layer', () => {
    expect(() => elementwiseCycles({ name: 'c_next', op: 'add', channels: 20, pe: 3 })).toThrow(
      /Elementwise add c_next: folding rule channels % pe === 0/,
    );
    expect(() => estimateElementwise({ name: 'c_next', op: 'add', channels: 20, pe: 1, aBits: 0 })).toThrow(/Elementwise add c_next: aBits must be a positive integer/);
  });

  it('more PE → fewer cycles, more LUTs and FF', () => {
    const pes = legalChannelPe(20);
    for (let i = 1; i < pes.length; i++) {
      const a = estimateElementwise({ op: 'mul', channels: 20, pe: pes[i - 1], aBits: 6, bBits: 6 });
      const b = estimateElementwise({ op: 'mul', channels: 20, pe: pes[i], aBits: 6, bBits: 6 });
      expect(b.cycles).toBeLessThan(a.cycles);
      expect(b.lut).toBeGreaterThan(a.lut);
      expect(b.ff).toBeGreaterThan(a.ff);
    }
  });
});
