import { describe, expect, it } from 'vitest';
import { containerBits, streamLayout } from './stream-layout';

describe('stream layout v2', () => {
  it.each([
    [1, 8], [6, 8], [8, 8], [9, 16], [16, 16], [17, 32], [32, 32], [33, 64], [64, 64],
  ])('an element of %i bits sits in a %i-bit container', (bits, c) => {
    expect(containerBits(bits)).toBe(c);
  });

  it('refuses elements wider than 64 bits', () => {
    expect(() => containerBits(65)).toThrow(/65 bits does not fit a 64-bit container/);
  });

  // hand-worked: lanes · container rounded up to a power of two, at least 8 bits
  it.each([
    // bits, lanes, container, axiBits
    [4, 1, 8, 8],
    [4, 3, 8, 32], // 24 used bits → 32
    [6, 20, 8, 256], // 160 → 256
    [18, 1, 32, 32],
    [18, 5, 32, 256], // 160 → 256
    [7, 2, 8, 16],
    [64, 16, 64, 1024],
  ])('INT%i × %i lanes: %i-bit containers, TDATA %i bits', (bits, lanes, c, axi) => {
    const l = streamLayout(bits, lanes);
    expect(l).toEqual({ version: 2, containerBits: c, axiBits: axi, bytesPerBeat: axi / 8, usedBits: lanes * c });
  });

  it('refuses beats wider than 1024 bits, naming the port', () => {
    expect(() => streamLayout(18, 33, 'in_x')).toThrow(/in_x: 33 lanes × 32-bit containers = 1056 bits per beat, more than the 1024-bit TDATA limit/);
  });
});
