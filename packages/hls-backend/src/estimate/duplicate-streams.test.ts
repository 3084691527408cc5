import { describe, expect, it } from 'vitest';
import { duplicateStreamsCycles, estimateDuplicateStreams } from './duplicate-streams';

describe('estimateDuplicateStreams', () => {
  it.each([
    [{ channels: 80, pe: 8 }, 10], // 80/8
    [{ channels: 20, pe: 1, numOutputs: 4 }, 20], // copies do not add cycles
    [{ channels: 20, pe: 2, numVectors: 10 }, 100], // 10·20/2
  ])('%o → %i cycles', (p, cycles) => {
    expect(duplicateStreamsCycles(p)).toBe(cycles);
  });

  it('word register, one write enable per output, loop control', () => {
    // 20 channels, PE 2, 6-bit elements, 4 outputs: word 2·6 = 12 FF, 4 LUT.
    // Loop: 10 trips, 4 bits: 4 + 2 + 10 = 16 LUT; depth 1: FF 4 + 4 + 1 = 9.
    expect(estimateDuplicateStreams({ channels: 20, pe: 2, bits: 6, numOutputs: 4 })).toMatchObject({ cycles: 10, lut: 20, ff: 21, bram18: 0, dsp: 0 });
  });

  it('without the element width the word register is not counted, and the note says so', () => {
    const e = estimateDuplicateStreams({ channels: 20, pe: 2 });
    expect(e).toMatchObject({ lut: 18, ff: 9 }); // 2 outputs + 16; FF loop only
    expect(e.notes.join(' ')).toMatch(/element width unknown/);
  });

  it('rejects channels % pe != 0 and bad output counts', () => {
    expect(() => duplicateStreamsCycles({ name: 'h_fanout', channels: 20, pe: 8 })).toThrow(
      /DuplicateStreams h_fanout: folding rule channels % pe === 0 .*legal pe values: 1, 2, 4, 5, 10, 20/,
    );
    expect(() => duplicateStreamsCycles({ channels: 20, pe: 1, numOutputs: 0 })).toThrow(/numOutputs/);
  });
});
