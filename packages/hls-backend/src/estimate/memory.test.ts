import { describe, expect, it } from 'vitest';
import { bram18Tiles, uramTiles } from './memory';

// Expected values worked by hand from the piecewise table in reference §3.2.
describe('bram18Tiles', () => {
  it.each([
    [16384, 1, 1], // ⌈16384/16384⌉
    [16385, 1, 2], // ⌈16385/16384⌉
    [8192, 2, 1], // ⌈8192/8192⌉
    [5000, 3, 2], // ⌈5000/4096⌉·⌈3/4⌉ = 2·1
    [100, 5, 1], // ⌈100/2048⌉·⌈5/9⌉ = 1·1
    [2049, 8, 2], // ⌈2049/2048⌉·⌈8/9⌉ = 2·1
    [1024, 18, 1], // ⌈1024/1024⌉·⌈18/18⌉
    [600, 36, 2], // width > 18 but depth > 512: ⌈600/1024⌉·⌈36/18⌉ = 1·2
    [1000, 40, 3], // depth > 512: ⌈1000/1024⌉·⌈40/18⌉ = 1·3
    [512, 36, 1], // ⌈512/512⌉·⌈36/36⌉
    [512, 72, 2], // ⌈512/512⌉·⌈72/36⌉ = 1·2
    [16, 32, 1], // ⌈16/512⌉·⌈32/36⌉ = 1·1
    [0, 8, 0],
  ])('depth %i × width %i → %i', (depth, width, expected) => {
    expect(bram18Tiles(depth, width)).toBe(expected);
  });
});

describe('uramTiles', () => {
  it.each([
    [4096, 72, 1], // ⌈72/72⌉·⌈4096/4096⌉
    [4097, 72, 2], // 1·2
    [100, 73, 2], // ⌈73/72⌉·1 = 2
    [8193, 144, 6], // ⌈144/72⌉·⌈8193/4096⌉ = 2·3
    [0, 72, 0],
  ])('depth %i × width %i → %i', (depth, width, expected) => {
    expect(uramTiles(depth, width)).toBe(expected);
  });
});
