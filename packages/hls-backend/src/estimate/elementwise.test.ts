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
    expect(estimateElementwise(p)).toMatchObject({ cycles, lut: 0, bram18: 0, uram: 0, dsp: 0 });
  });

  it('says resources are not modelled', () => {
    expect(estimateElementwise({ channels: 4, pe: 1 }).notes.join(' ')).toMatch(/no resource model/);
  });

  it('rejects channels % pe != 0 naming the op and layer', () => {
    expect(() => elementwiseCycles({ name: 'c_next', op: 'add', channels: 20, pe: 3 })).toThrow(
      /Elementwise add c_next: folding rule channels % pe === 0/,
    );
  });

  it('more PE → fewer cycles', () => {
    const pes = legalChannelPe(20);
    for (let i = 1; i < pes.length; i++) {
      expect(elementwiseCycles({ channels: 20, pe: pes[i] })).toBeLessThan(elementwiseCycles({ channels: 20, pe: pes[i - 1] }));
    }
  });
});
