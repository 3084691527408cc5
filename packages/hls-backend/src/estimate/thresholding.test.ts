import { describe, expect, it } from 'vitest';
import { estimateThresholding, thresholdingCycles, type ThresholdingEstimateParams } from './thresholding';
import { legalChannelPe } from './folding';

const p: ThresholdingEstimateParams = { name: 't', channels: 64, pe: 4, inputBits: 8, thresholdSteps: 15, storage: 'bram' };

// Expected values worked by hand from reference §3.1 / §3.3.
describe('estimateThresholding', () => {
  it.each([
    // TMEM = 64/4 = 16; BRAM = ⌈8·4/16⌉·⌈16/1024⌉ = 2·1 = 2; LUT = 8·4 = 32; cycles = 16.
    [{ ...p }, { cycles: 16, bram18: 2, lut: 32 }],
    // LUT-RAM: LUT = 32 + 4·8·⌈16/64⌉ = 32 + 32 = 64; BRAM = 0.
    [{ ...p, storage: 'lut' as const }, { cycles: 16, bram18: 0, lut: 64 }],
    // PE = 64: TMEM = 1 → no memory; LUT = 8·64 = 512; cycles = 1.
    [{ ...p, pe: 64 }, { cycles: 1, bram18: 0, lut: 512 }],
    // 4096 ch, PE 2, A 4: TMEM = 2048; BRAM = ⌈4·2/16⌉·⌈2048/1024⌉ = 1·2 = 2; LUT = 4·2 = 8.
    [{ ...p, channels: 4096, pe: 2, inputBits: 4 }, { cycles: 2048, bram18: 2, lut: 8 }],
    // Same in LUT-RAM: LUT = 8 + 2·4·⌈2048/64⌉ = 8 + 8·32 = 264.
    [{ ...p, channels: 4096, pe: 2, inputBits: 4, storage: 'lut' as const }, { cycles: 2048, bram18: 0, lut: 264 }],
    // numVectors = 5: cycles = 5·16 = 80.
    [{ ...p, numVectors: 5 }, { cycles: 80 }],
  ])('case %#', (params, expected) => {
    expect(estimateThresholding(params)).toMatchObject({ ...expected, uram: 0, dsp: 0 });
  });

  it('rejects channels % pe != 0 naming the layer', () => {
    expect(() => thresholdingCycles({ ...p, name: 'act0', channels: 20, pe: 6 })).toThrow(
      /Thresholding act0: folding rule channels % pe === 0 .*legal pe values: 1, 2, 4, 5, 10, 20/,
    );
  });

  it('more PE → fewer cycles, not fewer LUTs', () => {
    for (const storage of ['lut', 'bram'] as const) {
      const pes = legalChannelPe(20);
      for (let i = 1; i < pes.length; i++) {
        const a = estimateThresholding({ ...p, channels: 20, storage, pe: pes[i - 1] });
        const b = estimateThresholding({ ...p, channels: 20, storage, pe: pes[i] });
        expect(b.cycles).toBeLessThan(a.cycles);
        expect(b.lut).toBeGreaterThanOrEqual(a.lut);
      }
    }
  });
});
