import { describe, expect, it } from 'vitest';
import { estimateMvau, mvauCycles, type MvauEstimateParams } from './mvau';
import { legalMvauPe, legalMvauSimd } from './folding';
import { HlsEstimateError } from './types';

const base: MvauEstimateParams = {
  name: 'm',
  mw: 16,
  mh: 8,
  pe: 2,
  simd: 4,
  weightBits: 4,
  inputBits: 4,
  inputSigned: true,
  accBits: 32,
  weightStorage: 'lut',
  multiplier: 'lut',
};

// All expected numbers below are worked by hand from the structural model (mvau.ts header,
// primitives/*.ts): lanes + input stage + counters + loop control.
describe('estimateMvau: hand-computed cases', () => {
  it('LUT-ROM weights, LUT multipliers', () => {
    // SF = 16/4 = 4, NF = 8/2 = 4, WMEM = 16, cycles = 4·4 = 16.
    // α = log2 16 + 4 + 4 − 1 − 1 = 10; B = min(32, ⌈10 + log2(1 + 2^-10) + 1⌉) = 12.
    // Lanes (primitives/lanes.test.ts): 282 LUT, 164 FF.
    // Input stage (NF > 1): word Q·A = 16; mux 16·muxLuts(SF + 1 = 5) = 32, write enables SF = 4: 36 LUT; FF 16 + 4·16 = 80.
    // Counters: nf (0..3) 2 + 1 = 3 LUT, 2 FF; sf the same; tile (0..15) 4 + 2 = 6 LUT, 4 FF.
    // Loop: 16 trips, 5 bits: 5 + 2 + 10 = 17 LUT; depth 1 + 1 + ⌈3/2⌉ = 4: FF 5 + 4 + 4 = 13.
    // LUT 282 + 36 + 3 + 3 + 6 + 17 = 347; FF 164 + 80 + 2 + 2 + 4 + 13 = 265.
    const e = estimateMvau(base);
    expect(e).toMatchObject({ cycles: 16, lut: 347, ff: 265, bram18: 0, uram: 0, dsp: 0 });
    expect(e.notes).toContain("multipliers: 4×4-bit products in LUTs (policy 'lut')");
  });

  it('BRAM weights, DSP multipliers', () => {
    // Weights: P·Q = 8 partitions of 16 × 4 bits, ⌈16/4096⌉·⌈4/4⌉ = 1 RAMB18 each → 8 (the reference's single
    // WMEM × P·Q·W memory would be 1: the generated code partitions the weights per lane and SIMD).
    // DSP = P·Q = 8. Lane: 37 LUT (tree + accumulate), FF 10 + 12 + 12 = 34; two lanes: 74 / 68.
    // Loop depth 1 + 3 + 2 = 6: FF 5 + 4 + 6 = 15.
    // LUT 74 + 36 + 12 + 17 = 139; FF 68 + 80 + 8 + 15 = 171.
    const e = estimateMvau({ ...base, weightStorage: 'bram', multiplier: 'dsp' });
    expect(e).toMatchObject({ cycles: 16, lut: 139, ff: 171, bram18: 8, uram: 0, dsp: 8 });
  });

  it('URAM weights: one URAM per weight partition', () => {
    // 64 × 64, P = 4, Q = 8: WMEM = 8·16 = 128; P·Q = 32 partitions of 128 × 2 bits, ⌈2/72⌉·⌈128/4096⌉ = 1 each.
    const e = estimateMvau({ mw: 64, mh: 64, pe: 4, simd: 8, weightBits: 2, inputBits: 2, accBits: 16, weightStorage: 'uram', multiplier: 'lut' });
    expect(e).toMatchObject({ cycles: 128, uram: 32, bram18: 0 });
  });

  const withThresholds: MvauEstimateParams = {
    mw: 8,
    mh: 4,
    pe: 1,
    simd: 1,
    weightBits: 2,
    inputBits: 3,
    inputSigned: true,
    accBits: 8,
    thresholdSteps: 3,
    weightStorage: 'lut',
    multiplier: 'lut',
  };

  it('fused thresholds in LUT-ROM', () => {
    // SF = 8, NF = 4, WMEM = 32, cycles 32. α = 3 + 2 + 3 − 1 − 1 = 6 → B = min(8, ⌈7.02⌉) = 8.
    // Lane: weights ⌈2/2⌉ = 1 LUT, 2 FF; product (2·⌈5/6⌉ − 1)·5 = 5 LUT, 5 FF; accumulate 8 LUT, 8 FF;
    // thresholds: 3 ROMs of 4 × 8 bits (3·4 = 12 LUT, 24 FF), comparators 3·⌈8/2⌉ = 12, count 3, bias 2
    // (out_bias unknown) → 29 LUT; FF cut 3 + output 2 + 24 = 29. Lane 43 LUT, 44 FF.
    // Input stage: word 3; 3·muxLuts(9) = 9 + 8 enables = 17 LUT; FF 3 + 8·3 = 27.
    // Counters: nf 3 / 2, sf (0..7) 3 + 1 = 4 / 3, tile (0..31) 5 + 2 = 7 / 5.
    // Loop: 32 trips, 6 bits: 6 + 2 + 10 = 18 LUT; depth 1 + 1 + 1 + ⌈(1 + 2 + 1)/2⌉ = 5: FF 6 + 4 + 5 = 15.
    // LUT 43 + 17 + 3 + 4 + 7 + 18 = 92; FF 44 + 27 + 2 + 3 + 5 + 15 = 96.
    expect(estimateMvau(withThresholds)).toMatchObject({ cycles: 32, lut: 92, ff: 96 });
  });

  it('one shared threshold row: constant comparators, no threshold memory, bias 0', () => {
    // Thresholds: 3·⌈8/3⌉ = 9 + count 3 = 12 LUT; FF cut 3 + output 2 = 5. Lane 1 + 5 + 8 + 12 = 26 LUT, 2 + 5 + 8 + 5 = 20 FF.
    // LUT 26 + 17 + 14 + 18 = 75; FF 20 + 27 + 10 + 15 = 72.
    expect(estimateMvau({ ...withThresholds, sharedThresholds: true, outBias: 0 })).toMatchObject({ lut: 75, ff: 72 });
  });

  it('the FINN-GL recurrent MVAU U·h: 20 × 20, INT8 weights, INT6 input, INT18 accumulator, PE = SIMD = 1', () => {
    // WMEM = 400 > 128 → BRAM: ⌈400/2048⌉·⌈8/9⌉ = 1. 6·8 = 48 ≤ 100 → LUT product: 5·14 = 70 LUT, 14 FF.
    // α = log2 20 + 8 + 6 − 1 − 1 ≈ 16.32 → B = 18: accumulate 18 LUT, 18 FF; output 18 FF. Lane 88 LUT, 50 FF.
    // Input stage: 6·muxLuts(21) = 6·7 = 42 + 20 enables = 62 LUT; FF 6 + 20·6 = 126.
    // Counters: nf, sf (0..19) 7 / 5 each; tile (0..399) 9 + 3 = 12 / 9. Loop: 400 trips, 9 bits: 9 + 3 + 10 = 22; depth 3: FF 16.
    // LUT 88 + 62 + 7 + 7 + 12 + 22 = 198; FF 50 + 126 + 5 + 5 + 9 + 16 = 211.
    const e = estimateMvau({ mw: 20, mh: 20, pe: 1, simd: 1, weightBits: 8, inputBits: 6, inputSigned: true, accBits: 18, weightStorage: 'auto', multiplier: 'auto' });
    expect(e).toMatchObject({ cycles: 400, lut: 198, ff: 211, bram18: 1, uram: 0, dsp: 0 });
    expect(e.notes).toContain('multipliers: 6×8-bit products in LUTs (auto: 6·8 = 48 ≤ 100 partial-product bits)');
    expect(e.notes).toContain('weights: BRAM of 400 words per lane and SIMD');
  });

  it('auto storage: LUT-ROM up to WMEM 128, BRAM beyond', () => {
    const p: MvauEstimateParams = {
      mw: 256,
      mh: 1,
      pe: 1,
      simd: 2,
      weightBits: 1,
      inputBits: 1,
      accBits: 16,
      weightStorage: 'auto',
      multiplier: 'lut',
    };
    // WMEM = 128 → LUT-ROM: no BRAM.
    expect(estimateMvau(p).bram18).toBe(0);
    // SIMD = 1: WMEM = 256 → BRAM, 256 × 1: ⌈256/16384⌉ = 1.
    expect(estimateMvau({ ...p, simd: 1 }).bram18).toBe(1);
  });

  it('auto multipliers: DSP only beyond 10 × 10 partial-product bits', () => {
    // 4 × 4 → LUT; 11 × 10 = 110 → DSP, P·Q = 8 slices.
    expect(estimateMvau({ ...base, multiplier: 'auto' }).dsp).toBe(0);
    expect(estimateMvau({ ...base, weightBits: 11, inputBits: 10, multiplier: 'auto' }).dsp).toBe(8);
  });
});

describe('MVAU folding validation', () => {
  it('rejects mw % simd != 0 naming the layer and rule', () => {
    expect(() => mvauCycles({ ...base, name: 'gate_i', mw: 10, simd: 3 })).toThrow(HlsEstimateError);
    expect(() => mvauCycles({ ...base, name: 'gate_i', mw: 10, simd: 3 })).toThrow(
      /MVAU gate_i: folding rule mw % simd === 0 is broken .*legal simd values: 1, 2, 5, 10/,
    );
  });
  it('rejects mh % pe != 0', () => {
    expect(() => estimateMvau({ ...base, name: 'gate_f', mh: 20, pe: 3 })).toThrow(
      /MVAU gate_f: folding rule mh % pe === 0 .*legal pe values: 1, 2, 4, 5, 10, 20/,
    );
  });
  it('rejects mmv other than 1 and bad bit widths', () => {
    expect(() => estimateMvau({ ...base, mmv: 2 as 1 })).toThrow(/mmv must be 1/);
    expect(() => estimateMvau({ ...base, weightBits: 0 })).toThrow(/weightBits must be a positive integer/);
  });
});

describe('MVAU monotonicity', () => {
  // While every lane still walks a weight memory (WMEM > 1), more PE or SIMD never costs fewer LUTs.
  // At PE = MH and SIMD = MW the weights become constants and the products constant-coefficient,
  // which can cost less than the previous step (tested apart).
  for (const weightStorage of ['bram', 'lut'] as const) {
    it(`more PE or SIMD → fewer cycles, not fewer LUTs (${weightStorage} weights)`, () => {
      const p = { ...base, mw: 20, mh: 20, weightStorage };
      const pes = legalMvauPe(20);
      const simds = legalMvauSimd(20);
      const partial = (pe: number, simd: number) => pe * simd < 400;
      for (const pe of pes) {
        for (let i = 1; i < simds.length; i++) {
          if (!partial(pe, simds[i])) continue;
          const a = estimateMvau({ ...p, pe, simd: simds[i - 1] });
          const b = estimateMvau({ ...p, pe, simd: simds[i] });
          expect(b.cycles).toBeLessThan(a.cycles);
          expect(b.lut).toBeGreaterThanOrEqual(a.lut);
        }
      }
      for (const simd of simds) {
        for (let i = 1; i < pes.length; i++) {
          if (!partial(pes[i], simd)) continue;
          const a = estimateMvau({ ...p, simd, pe: pes[i - 1] });
          const b = estimateMvau({ ...p, simd, pe: pes[i] });
          expect(b.cycles).toBeLessThan(a.cycles);
          expect(b.lut).toBeGreaterThanOrEqual(a.lut);
        }
      }
    });
  }

  it('full unrolling makes the weights constants: no weight memory', () => {
    const e = estimateMvau({ ...base, mw: 20, mh: 20, pe: 20, simd: 20, weightStorage: 'bram' });
    expect(e).toMatchObject({ cycles: 1, bram18: 0 });
    expect(e.notes).toContain('weights: constants (one word per lane)');
  });

  it('more thresholds never cost fewer LUTs', () => {
    for (let steps = 2; steps <= 63; steps++) {
      const p = { ...base, thresholdSteps: steps };
      expect(estimateMvau(p).lut).toBeGreaterThan(estimateMvau({ ...p, thresholdSteps: steps - 1 }).lut);
    }
  });
});

describe('FINN-GL LSTM cell, input 10 → hidden 20, PE = SIMD = 1', () => {
  // Four gates (i, f, g, o), each with an input MVAU (mw = 10, mh = 20) and a recurrent MVAU
  // (mw = 20, mh = 20). At PE = SIMD = 1 each takes mw·mh cycles: 10·20 = 200 and 20·20 = 400.
  const gates = ['i', 'f', 'g', 'o'];
  const common = { pe: 1, simd: 1, weightBits: 4, inputBits: 4, accBits: 16, weightStorage: 'auto' as const };
  const mvaus = gates.flatMap((g) => [
    { name: `W_${g}`, mw: 10, mh: 20, ...common, expected: 200 },
    { name: `U_${g}`, mw: 20, mh: 20, ...common, expected: 400 },
  ]);
  it('has 8 MVAUs', () => {
    expect(mvaus).toHaveLength(8);
  });
  it.each(mvaus)('$name takes $expected cycles', ({ expected, ...p }) => {
    expect(estimateMvau(p).cycles).toBe(expected);
  });
});
