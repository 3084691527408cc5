import { describe, expect, it } from 'vitest';
import { arrayMemoryKind, arrayMemoryResources } from './array-memory';
import { registerArrayResources } from './register-array';

describe('registerArrayResources', () => {
  it.each([
    // h of 20 × 8 as a ping-pong pair read whole: FF 20·8·2 = 320; read 20·8·muxLuts(2) = 160; enables 2 groups → 2.
    [{ elements: 20, bits: 8, copies: 2 }, 162, 320],
    // c of 20 × 7, ping-pong, read and written one element per cycle: FF 280;
    // read 1·7·muxLuts(2·20) = 7·13 = 91; enables 2·20 = 40. LUT 131.
    [{ elements: 20, bits: 7, copies: 2, readLanes: 1, writeLanes: 1 }, 131, 280],
    // one copy read and written whole: registers only.
    [{ elements: 20, bits: 8 }, 0, 160],
    // one copy, 4 lanes: read 4·8·muxLuts(5) = 32·2 = 64; enables ⌈20/4⌉ = 5. LUT 69.
    [{ elements: 20, bits: 8, readLanes: 4, writeLanes: 4 }, 69, 160],
  ])('%o → %i LUT, %i FF', (p, lut, ff) => {
    expect(registerArrayResources(p)).toMatchObject({ lut, ff, bram18: 0, dsp: 0 });
  });

  it('rejects zero copies', () => {
    expect(() => registerArrayResources({ elements: 4, bits: 8, copies: 0 })).toThrow(/registerArrayResources: copies must be a positive integer/);
  });
});

describe('arrayMemoryResources', () => {
  it.each([
    // fully partitioned: registers, 20·8 FF.
    [{ elements: 20, bits: 8, partition: 20 }, 'register', { lut: 0, ff: 160, bram18: 0 }],
    [{ elements: 4, bits: 8, partition: 8 }, 'register', { lut: 0, ff: 32 }],
    // 4 banks of 5 words: LUT-RAM 4·(4·⌈8/6⌉) = 32; read registers 4·8 = 32 FF.
    [{ elements: 20, bits: 8, partition: 4 }, 'lut', { lut: 32, ff: 32, bram18: 0 }],
    // 2 banks of 512 × 16: BRAM 2·(⌈512/1024⌉·⌈16/18⌉) = 2.
    [{ elements: 1024, bits: 16, partition: 2 }, 'bram', { lut: 0, ff: 0, bram18: 2 }],
    // registers forced on 4 banks of 5: FF 160, read mux 4·8·muxLuts(5) = 64.
    [{ elements: 20, bits: 8, partition: 4, storage: 'register' as const }, 'register', { lut: 64, ff: 160 }],
  ])('%o → %s', (p, kind, expected) => {
    expect(arrayMemoryKind(p)).toBe(kind);
    expect(arrayMemoryResources(p)).toMatchObject(expected);
  });
});
