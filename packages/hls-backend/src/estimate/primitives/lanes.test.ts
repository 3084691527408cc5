import { describe, expect, it } from 'vitest';
import { elementwiseLaneResources } from './elementwise-lane';
import { mvauLaneResources, type MvauLaneParams } from './mvau-lane';
import { thresholdLaneResources } from './threshold-lane';

describe('thresholdLaneResources', () => {
  it('binary search: 15 thresholds of 12 bits, 4 channels per lane, bias −8 (worked by hand)', () => {
    // levels ⌈log2 16⌉ = 4, comparing with 1, 2, 4, 8 candidates per channel: ROMs of 4, 8, 16, 32 words
    // (≤ 32 words: ⌈12/2⌉ = 6 LUT + 12 FF each) = 24 LUT, 48 FF; 4 comparators ⌈12/2⌉ = 24 LUT; bias adder 4.
    // FF: operand 12 + output 4 + level registers (12 + 1) + (12 + 2) + (12 + 3) = 42, + ROMs 48 = 106.
    const r = thresholdLaneResources({ steps: 15, inputBits: 12, depth: 4, outBias: -8, outputBits: 4, method: 'search' });
    expect(r).toMatchObject({ lut: 52, ff: 106, bram18: 0, dsp: 0 });
    // against compare-all on the same lane: 15 comparators, 15 ROMs and a popcount
    expect(r.lut * 3).toBeLessThan(thresholdLaneResources({ steps: 15, inputBits: 12, depth: 4, outBias: -8, outputBits: 4 }).lut);
    // PE lanes scale it
    expect(thresholdLaneResources({ pe: 3, steps: 15, inputBits: 12, depth: 4, outBias: -8, outputBits: 4, method: 'search' }).lut).toBe(3 * 52);
  });

  it('two-level search: 255 thresholds of 18 bits, 4 channels per lane, bias 0 (worked by hand)', () => {
    // blocks of B = 2^⌊8/2⌋ = 16: level 1 compares with the 15 boundaries (ROMs of 4 words: ⌈18/2⌉ = 9
    // LUT + 18 FF each), level 2 with the 15 thresholds of the block (ROMs of 4·16 = 64 words:
    // 18·⌈64/64⌉ = 18 LUT + 18 FF each). Comparators 2 × 15 × ⌈18/2⌉ = 270 LUT. Thermometer decode of
    // 15 bits, per count bit an XOR of 15, 7, 3, 1 bits: ⌈14/5⌉ + ⌈6/5⌉ + ⌈2/5⌉ + 0 = 3 + 2 + 1 = 6
    // LUT, twice. LUT 15·9 + 15·18 + 270 + 12 = 687.
    // FF: operand 18 + (15 comparator bits + 18 value) + (4 block bits + 18 value) + (15 + 4) + output 8
    // = 100, + ROMs 30 × 18 = 540 → 640.
    const r = thresholdLaneResources({ steps: 255, inputBits: 18, depth: 4, outBias: 0, outputBits: 8, method: 'two-level' });
    expect(r).toMatchObject({ lut: 687, ff: 640, bram18: 0, dsp: 0 });
    expect(r.notes.join(' ')).toMatch(/two-level search over 255 sorted thresholds, 15 \+ 15 comparisons per lane \(blocks of 16\)/);
    // between the binary search (8 comparators) and compare-all (255 comparators and a popcount)
    const all = thresholdLaneResources({ steps: 255, inputBits: 18, depth: 4, outBias: 0, outputBits: 8 }).lut;
    const search = thresholdLaneResources({ steps: 255, inputBits: 18, depth: 4, outBias: 0, outputBits: 8, method: 'search' }).lut;
    expect(r.lut * 4).toBeLessThan(all);
    expect(r.lut).toBeGreaterThan(search);
  });

  it('3 thresholds of 8 bits in 4-word LUT-ROMs, bias 0', () => {
    // ROMs: 3 × (⌈8/2⌉ = 4 LUT, 8 FF) = 12 LUT, 24 FF. Comparators 3·⌈8/2⌉ = 12. Count of 3: 1 + 2 = 3 LUTs.
    // Levels: compare (3 live) → count L1 (3) → L2 (2): one cut after level 2 = 3 FF.
    // LUT 12 + 12 + 3 = 27; FF operand 8 + 3 + output bitsFor(3) = 2 + ROM 24 = 37.
    expect(thresholdLaneResources({ steps: 3, inputBits: 8, depth: 4, outBias: 0 })).toMatchObject({ lut: 27, ff: 37, bram18: 0 });
  });

  it('the same in BRAM: one RAMB18 per threshold partition; an unknown bias costs an adder', () => {
    // 3 BRAM; LUT 12 + 3 + bias 2 = 17; levels (3, 3, 2, 2): cut after level 2 = 3: FF 8 + 3 + 2 = 13.
    expect(thresholdLaneResources({ steps: 3, inputBits: 8, depth: 4, storage: 'bram' })).toMatchObject({ lut: 17, ff: 13, bram18: 3 });
  });

  it('constant thresholds: comparators against constants, no storage', () => {
    // per lane: 3·⌈18/3⌉ = 18 + count 3 + bias 2 = 23 LUT; FF 18 + 3 + 2 = 23. Two lanes.
    expect(thresholdLaneResources({ pe: 2, steps: 3, inputBits: 18, depth: 1 })).toMatchObject({ lut: 46, ff: 46, bram18: 0 });
  });

  it('constant thresholds on a ≤ 6-bit input: one LUT6 per output bit', () => {
    // 61 sigmoid levels on INT6: O = 6 LUTs, FF 6 + 6 per lane; 20 lanes.
    const r = thresholdLaneResources({ pe: 20, steps: 61, inputBits: 6, depth: 1 });
    expect(r).toMatchObject({ lut: 120, ff: 240 });
    expect(r.notes.join(' ')).toMatch(/one LUT6 per output bit/);
  });

  it('fused after an accumulator: no operand register', () => {
    // as the first case without the 8 FF operand register.
    expect(thresholdLaneResources({ steps: 3, inputBits: 8, depth: 4, outBias: 0, operandRegister: false }).ff).toBe(29);
  });

  it('more thresholds or wider values never cost fewer LUTs', () => {
    for (const depth of [1, 10, 20, 100]) {
      for (let steps = 2; steps <= 127; steps++) {
        const a = thresholdLaneResources({ steps: steps - 1, inputBits: 18, depth });
        const b = thresholdLaneResources({ steps, inputBits: 18, depth });
        expect(b.lut).toBeGreaterThan(a.lut);
      }
      for (let bits = 8; bits <= 32; bits++) {
        expect(thresholdLaneResources({ steps: 15, inputBits: bits, depth }).lut).toBeGreaterThanOrEqual(thresholdLaneResources({ steps: 15, inputBits: bits - 1, depth }).lut);
      }
    }
  });
});

describe('mvauLaneResources', () => {
  const lane: MvauLaneParams = { pe: 2, simd: 4, weightBits: 4, inputBits: 4, accBits: 12, weightDepth: 16, weightStorage: 'lut', multiplier: 'lut' };

  it('LUT-ROM weights, LUT products', () => {
    // per lane: weights 4 × ⌈4/2⌉ = 8 LUT, 4 × 4 = 16 FF;
    // products 4 × (2·⌈8/6⌉ − 1)·8 = 4 × 24 = 96 LUT (= the reference's Q·(2⌈(W+A)/6⌉ − 1)(W+A)), 4 × 8 = 32 FF;
    // tree of 4 × 8 bits: 16 + 9 = 25 LUT, + accumulate 12 = 37; levels (18, 10, 12): cut after level 2 = 10 FF; accumulator 12 FF;
    // output register 12 FF. Lane: LUT 8 + 96 + 37 = 141, FF 16 + 32 + 10 + 12 + 12 = 82. Two lanes.
    const r = mvauLaneResources(lane);
    expect(r).toMatchObject({ lut: 282, ff: 164, dsp: 0, bram18: 0 });
    expect(r.notes).toContain("multipliers: 4×4-bit products in LUTs (policy 'lut')");
  });

  it('fused thresholds on the accumulator', () => {
    // thresholds: 3 ROMs of 4 words × 12 bits: 3 × ⌈12/2⌉ = 18 LUT, 36 FF; comparators 3·⌈12/2⌉ = 18; count 3; bias 0;
    // FF: cut 3 + output 2 (no operand register). Lane: 141 + 39 = 180 LUT; 82 − 12 (no B-bit output) + 41 = 111 FF.
    expect(mvauLaneResources({ ...lane, thresholds: { steps: 3, depth: 4, outBias: 0 } })).toMatchObject({ lut: 360, ff: 222 });
  });

  it('DSP products: one slice each, no fabric multiplier', () => {
    // lane: 8 + 37 = 45 LUT; FF 16 + 10 + 12 + 12 = 50; DSP 4. Two lanes.
    const r = mvauLaneResources({ ...lane, multiplier: 'dsp' });
    expect(r).toMatchObject({ lut: 90, ff: 100, dsp: 8 });
    expect(r.notes).toContain("multipliers: 4×4-bit products in DSP48E2 (policy 'dsp')");
  });

  it('one-word weight memories: constant-coefficient products', () => {
    // weights 0; products 4 × (4 + 4) = 32 LUT (4-bit input: one LUT6 per product bit), 32 FF;
    // lane 32 + 37 = 69 LUT, 32 + 10 + 12 + 12 = 66 FF.
    expect(mvauLaneResources({ ...lane, pe: 1, weightDepth: 1 })).toMatchObject({ lut: 69, ff: 66 });
  });
});

describe('elementwiseLaneResources', () => {
  it.each([
    // add 12 + 12 → 13: adder 12 LUT; FF operands 24 + output 13.
    [{ op: 'add' as const, aBits: 12, bBits: 12 }, { lut: 12, ff: 37, dsp: 0 }],
    // 20 lanes of 6 + 6 → 7: 20 × 6 LUT, 20 × (12 + 7) FF.
    [{ pe: 20, op: 'add' as const, aBits: 6, bBits: 6 }, { lut: 120, ff: 380 }],
    // mul 6 × 7 (42 ≤ 100 → LUT): (2·⌈13/6⌉ − 1)·13 = 65 LUT; FF operands 13 + product 13.
    [{ op: 'mul' as const, aBits: 6, bBits: 7 }, { lut: 65, ff: 26, dsp: 0 }],
    // mul by a scalar 8-bit constant, 6-bit input: 6 + 8 = 14 LUT; FF operand 6 + product 14.
    [{ op: 'mul' as const, aBits: 6, bBits: 8, operand: 'scalar' as const }, { lut: 14, ff: 20 }],
    // add a per-channel parameter of 20 words × 8 bits: ROM ⌈8/2⌉ = 4 LUT, 8 FF; adder 8; FF operand 8 + ROM 8 + output 9.
    [{ op: 'add' as const, aBits: 8, bBits: 8, operand: 'param' as const, paramDepth: 20 }, { lut: 12, ff: 25 }],
    // mul 16 × 12 (192 > 100 → DSP): 1 slice; FF operands 28.
    [{ op: 'mul' as const, aBits: 16, bBits: 12 }, { lut: 0, ff: 28, dsp: 1 }],
  ])('%o', (p, expected) => {
    expect(elementwiseLaneResources(p)).toMatchObject(expected);
  });

  it('states the multiplier choice', () => {
    expect(elementwiseLaneResources({ op: 'mul', aBits: 6, bBits: 7 }).notes).toContain('multipliers: 6×7-bit products in LUTs (auto: 6·7 = 42 ≤ 100 partial-product bits)');
  });
});
