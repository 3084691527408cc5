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

// All expected numbers below are worked by hand from reference §3.1 / §3.2.
describe('estimateMvau: hand-computed cases', () => {
  it('LUT-RAM weights, LUT multipliers', () => {
    // SF = 16/4 = 4, NF = 8/2 = 4, WMEM = 16, cycles = 4·4 = 16.
    // c2 = P·Q·W·⌈WMEM/64⌉ = 2·4·4·1 = 32.
    // W+A = 8: mult = Q·(2·⌈8/6⌉ − 1)·8 = 4·3·8 = 96; addertree = 8·(2·4 − 1) = 56.
    // α = log2 16 + 4 + 4 − 1 − 1 = 10; acc = min(32, ⌈10 + log2(1 + 2^-10) + 1⌉) = ⌈11.0014⌉ = 12.
    // LUT = ⌊300 + 1.1·2·(96 + 56 + 12) + 32⌋ = ⌊300 + 360.8 + 32⌋ = 692.
    const e = estimateMvau(base);
    expect(e).toMatchObject({ cycles: 16, lut: 692, bram18: 0, uram: 0, dsp: 0, ff: 0 });
  });

  it('BRAM weights, DSP multipliers', () => {
    // M = P·Q·W = 32 > 18, ω = 16 ≤ 512: BRAM = ⌈16/512⌉·⌈32/36⌉ = 1.
    // DSP = P·Q·⌈8/48⌉ = 2·4·1 = 8; mult = 0; c2 = 0.
    // LUT = ⌊300 + 1.1·2·(0 + 56 + 12)⌋ = ⌊300 + 149.6⌋ = 449.
    const e = estimateMvau({ ...base, weightStorage: 'bram', multiplier: 'dsp' });
    expect(e).toMatchObject({ cycles: 16, lut: 449, bram18: 1, uram: 0, dsp: 8 });
  });

  it('URAM weights, unsigned 2-bit input', () => {
    // mw = mh = 64, P = 4, Q = 8, W = A = 2: SF = 8, NF = 16, WMEM = 128, cycles = 128.
    // M = 4·8·2 = 64: URAM = ⌈64/72⌉·⌈128/4096⌉ = 1.
    // W+A = 4: mult = 8·(2·⌈4/6⌉ − 1)·4 = 8·1·4 = 32; addertree = 4·(16 − 1) = 60.
    // α = 6 + 2 + 2 − 1 − 0 = 9; acc = min(16, ⌈9 + log2(1 + 2^-9) + 1⌉) = ⌈10.003⌉ = 11.
    // LUT = ⌊300 + 1.1·4·(32 + 60 + 11)⌋ = ⌊300 + 453.2⌋ = 753.
    const e = estimateMvau({
      mw: 64,
      mh: 64,
      pe: 4,
      simd: 8,
      weightBits: 2,
      inputBits: 2,
      accBits: 16,
      weightStorage: 'uram',
      multiplier: 'lut',
    });
    expect(e).toMatchObject({ cycles: 128, lut: 753, bram18: 0, uram: 1, dsp: 0 });
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

  it('fused thresholds in LUT-RAM', () => {
    // SF = 8, NF = 4, WMEM = 32, TMEM = 4, cycles = 32. c2 = 1·1·2·⌈32/64⌉ = 2.
    // W+A = 5: mult = 1·(2·1 − 1)·5 = 5; addertree = 5·(2 − 1) = 5.
    // α = 3 + 2 + 3 − 1 − 1 = 6; acc = min(8, ⌈6 + log2(1 + 1/64) + 1⌉) = min(8, ⌈7.02⌉) = 8.
    // thr = 3·8·⌈4/64⌉ = 24; comp = 3·8 = 24.
    // LUT = ⌊300 + 1.1·1·(5 + 5 + 8 + 24 + 24) + 2⌋ = ⌊300 + 72.6 + 2⌋ = 374.
    expect(estimateMvau(withThresholds)).toMatchObject({ cycles: 32, lut: 374 });
  });

  it('accumulator width is capped by the datatype width', () => {
    // As above with accBits = 6: acc = min(6, 8) = 6; thr = comp = 3·6 = 18.
    // LUT = ⌊300 + 1.1·(5 + 5 + 6 + 18 + 18) + 2⌋ = ⌊300 + 57.2 + 2⌋ = 359.
    expect(estimateMvau({ ...withThresholds, accBits: 6 }).lut).toBe(359);
  });

  it('explicit threshold width replaces the accumulator width in thr / comp', () => {
    // thresholdBits = 4: thr = 3·4·1 = 12, comp = 12; acc stays 8.
    // LUT = ⌊300 + 1.1·(5 + 5 + 8 + 12 + 12) + 2⌋ = ⌊300 + 46.2 + 2⌋ = 348.
    expect(estimateMvau({ ...withThresholds, thresholdBits: 4 }).lut).toBe(348);
  });

  it('auto storage: LUT-RAM up to WMEM 128, BRAM beyond', () => {
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
    // WMEM = 128 → LUT-RAM: no BRAM, c2 = 1·2·1·⌈128/64⌉ = 4 LUTs.
    expect(estimateMvau(p).bram18).toBe(0);
    // SIMD = 1: WMEM = 256 → BRAM, M = 1: ⌈256/16384⌉ = 1.
    expect(estimateMvau({ ...p, simd: 1 }).bram18).toBe(1);
  });

  it('auto multipliers: DSP only when W + A exceeds 8 bits', () => {
    // W + A = 8 → LUT fabric.
    expect(estimateMvau({ ...base, multiplier: 'auto' }).dsp).toBe(0);
    // W + A = 9 → DSP = P·Q·⌈9/48⌉ = 2·4·1 = 8.
    expect(estimateMvau({ ...base, weightBits: 5, multiplier: 'auto' }).dsp).toBe(8);
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
  for (const weightStorage of ['bram', 'lut'] as const) {
    it(`more PE or SIMD → fewer cycles, not fewer LUTs (${weightStorage} weights)`, () => {
      const p = { ...base, mw: 20, mh: 20, weightStorage };
      for (const pe of legalMvauPe(20)) {
        const simds = legalMvauSimd(20);
        for (let i = 1; i < simds.length; i++) {
          const a = estimateMvau({ ...p, pe, simd: simds[i - 1] });
          const b = estimateMvau({ ...p, pe, simd: simds[i] });
          expect(b.cycles).toBeLessThan(a.cycles);
          expect(b.lut).toBeGreaterThanOrEqual(a.lut);
        }
      }
      for (const simd of legalMvauSimd(20)) {
        const pes = legalMvauPe(20);
        for (let i = 1; i < pes.length; i++) {
          const a = estimateMvau({ ...p, simd, pe: pes[i - 1] });
          const b = estimateMvau({ ...p, simd, pe: pes[i] });
          expect(b.cycles).toBeLessThan(a.cycles);
          expect(b.lut).toBeGreaterThanOrEqual(a.lut);
        }
      }
    });
  }
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
