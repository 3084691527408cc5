import { describe, expect, it } from 'vitest';
import { estimateThresholding, thresholdingCycles, type ThresholdingEstimateParams } from './thresholding';
import { legalChannelPe } from './folding';

const p: ThresholdingEstimateParams = { name: 't', channels: 64, pe: 4, inputBits: 8, thresholdSteps: 15, storage: 'bram' };

// Expected values worked by hand from the structural model (thresholding.ts, primitives/threshold-lane.ts).
describe('estimateThresholding', () => {
  it('cycles (§3.1): channels/PE per vector', () => {
    expect(thresholdingCycles(p)).toBe(16); // 64/4
    expect(thresholdingCycles({ ...p, numVectors: 5 })).toBe(80);
    expect(thresholdingCycles({ ...p, pe: 64 })).toBe(1);
  });

  it('BRAM thresholds: one RAMB18 per lane and threshold', () => {
    // NF = 16: 4 lanes × 15 partitions of 16 × 8 bits, one RAMB18 each = 60.
    // Lane: comparators 15·⌈8/2⌉ = 60, count of 15 = 25, bias bitsFor(15) = 4 → 89 LUT; 4 lanes 356.
    // nf counter (0..15): 4 + 2 = 6. Loop: 16 trips, 5 bits: 17. LUT 356 + 6 + 17 = 379.
    expect(estimateThresholding(p)).toMatchObject({ cycles: 16, lut: 379, bram18: 60, uram: 0, dsp: 0 });
  });

  describe('the issue example: 20 channels, 61 thresholds of 18 bits on an 18-bit value', () => {
    const issue: ThresholdingEstimateParams = { channels: 20, pe: 1, inputBits: 18, thresholdBits: 18, thresholdSteps: 61, storage: 'lut' };

    it('PE = 1 (the folding the old model reported at 36–40 LUT): ≈ 1.24k LUT', () => {
      // One lane walking NF = 20 words. Thresholds: 61 LUT-ROMs of 20 × 18 bits, ⌈18/2⌉ = 9 LUTs each
      // (two 5-input ROM bits per LUT6_2) = 549 LUT, 61·18 = 1098 FF (registered reads).
      // Comparators: 61 variable 18-bit, 61·⌈18/2⌉ = 549. Count of 61 = 116. Bias (out_bias unknown): 6.
      // Lane LUT 549 + 549 + 116 + 6 = 1220. Lane FF: operand 18 + cuts after levels 2, 4, 6 of
      // (61, 61, 46, 31, 19, 11, 6, 6) = 61 + 31 + 11 = 103 + output 6 + ROMs 1098 = 1225.
      // nf counter (0..19): 7 LUT, 5 FF. Loop: 20 trips, 5 bits: 17 LUT; depth 1 + ⌈8/2⌉ = 5: FF 5 + 4 + 5 = 14.
      // LUT 1220 + 7 + 17 = 1244; FF 1225 + 5 + 14 = 1244.
      expect(estimateThresholding(issue)).toMatchObject({ cycles: 20, lut: 1244, ff: 1244, bram18: 0 });
    });

    it('PE = 1 on the INT20 gate sum of the FINN-GL cell (A = 20): 610 comparator LUTs', () => {
      // Comparators 61·⌈20/2⌉ = 610 (+61 over A = 18); operand register +2 FF.
      expect(estimateThresholding({ ...issue, inputBits: 20 })).toMatchObject({ lut: 1305, ff: 1246 });
    });

    it('PE = 20: constants, 1220 constant comparators: ≈ 9.8k LUT', () => {
      // 20 lanes × (61·⌈18/3⌉ = 366 + count 116 + bias 6 = 488 LUT) = 9760; FF 20 × (18 + 103 + 6) = 2540.
      // No nf counter. Loop: 1 trip, 1 bit: 1 + 1 + 10 = 12 LUT; FF 1 + 4 + 5 = 10.
      expect(estimateThresholding({ ...issue, pe: 20 })).toMatchObject({ cycles: 1, lut: 9772, ff: 2550, bram18: 0 });
    });
  });

  it('shared thresholds are constants at any PE', () => {
    // 20 channels, PE 1, one shared row of 61 on INT6 (the FINN-GL sigmoid): a function of 6 inputs,
    // one LUT6 per output bit: 6 LUT, FF 6 + 6 = 12. Loop 20 trips: 17 LUT; depth 5: FF 14. No nf counter.
    const e = estimateThresholding({ channels: 20, pe: 1, inputBits: 6, thresholdSteps: 61, storage: 'lut', sharedThresholds: true });
    expect(e).toMatchObject({ lut: 23, ff: 26 });
  });

  it('rejects channels % pe != 0 naming the layer', () => {
    expect(() => thresholdingCycles({ ...p, name: 'act0', channels: 20, pe: 6 })).toThrow(
      /Thresholding act0: folding rule channels % pe === 0 .*legal pe values: 1, 2, 4, 5, 10, 20/,
    );
    expect(() => estimateThresholding({ ...p, thresholdBits: 0 })).toThrow(/Thresholding t: thresholdBits must be a positive integer/);
  });

  it('more PE → fewer cycles, not fewer LUTs, while the thresholds are in memories (NF > 1)', () => {
    // At PE = C the thresholds become constants and the memories disappear: that step can cost fewer
    // LUTs than the one before (PE = 10 here), so it is not part of this property.
    for (const storage of ['lut', 'bram'] as const) {
      const pes = legalChannelPe(20).filter((pe) => pe < 20);
      for (let i = 1; i < pes.length; i++) {
        const a = estimateThresholding({ ...p, channels: 20, storage, pe: pes[i - 1] });
        const b = estimateThresholding({ ...p, channels: 20, storage, pe: pes[i] });
        expect(b.cycles).toBeLessThan(a.cycles);
        expect(b.lut).toBeGreaterThanOrEqual(a.lut);
      }
    }
  });

  it('more thresholds → more LUTs, at every PE', () => {
    for (const pe of legalChannelPe(20)) {
      for (let steps = 2; steps <= 63; steps++) {
        const a = estimateThresholding({ ...p, channels: 20, pe, storage: 'lut', thresholdSteps: steps - 1 });
        const b = estimateThresholding({ ...p, channels: 20, pe, storage: 'lut', thresholdSteps: steps });
        expect(b.lut).toBeGreaterThan(a.lut);
      }
    }
  });
});
