import { describe, expect, it } from 'vitest';
import { duplicateStreamsCycles, estimateDuplicateStreams } from './duplicate-streams';

describe('estimateDuplicateStreams', () => {
  it.each([
    [{ channels: 80, pe: 8 }, 10], // 80/8
    [{ channels: 20, pe: 1, numOutputs: 4 }, 20], // copies do not add cycles
    [{ channels: 20, pe: 2, numVectors: 10 }, 100], // 10·20/2
  ])('%o → %i cycles', (p, cycles) => {
    expect(estimateDuplicateStreams(p)).toMatchObject({ cycles, lut: 0, bram18: 0, uram: 0, dsp: 0 });
  });

  it('rejects channels % pe != 0 and bad output counts', () => {
    expect(() => duplicateStreamsCycles({ name: 'h_fanout', channels: 20, pe: 8 })).toThrow(
      /DuplicateStreams h_fanout: folding rule channels % pe === 0 .*legal pe values: 1, 2, 4, 5, 10, 20/,
    );
    expect(() => duplicateStreamsCycles({ channels: 20, pe: 1, numOutputs: 0 })).toThrow(/numOutputs/);
  });
});
