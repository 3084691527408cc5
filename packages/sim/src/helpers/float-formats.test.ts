import { describe, expect, it } from 'vitest';
import { decodeMiniFloat, encodeMiniFloat, MINI_FLOATS, type MiniFloatType } from './float-formats';

// Bit patterns worked out from the formats' definitions (sign | exponent | mantissa).
const cases: [MiniFloatType, number, number, boolean?][] = [
  ['float16', 1, 0x3c00],
  ['float16', -2, 0xc000],
  ['float16', 65504, 0x7bff],
  ['float16', 65520, 0x7c00], // halfway to 65536: ties to even, overflows to +inf
  ['float16', 2 ** -24, 0x0001], // smallest subnormal
  ['float16', 2 ** -25, 0x0000], // tie between 0 and 2^-24: to even (0)
  ['float16', 3 * 2 ** -26, 0x0001],
  ['float16', 1 + 2 ** -11, 0x3c00], // tie: to even mantissa
  ['float16', 1 + 3 * 2 ** -11, 0x3c02],
  ['bfloat16', 1, 0x3f80],
  ['bfloat16', -0, 0x8000],
  ['float8e4m3fn', 448, 0x7e],
  ['float8e4m3fn', 464, 0x7e], // tie between 448 and 480: to even (448)
  ['float8e4m3fn', 2 ** -9, 0x01],
  ['float8e4m3fn', 480, 0x7f], // overflow without saturation: NaN
  ['float8e4m3fn', 480, 0x7e, true],
  ['float8e4m3fnuz', 1, 0x40],
  ['float8e4m3fnuz', -0, 0x00], // no negative zero
  ['float8e4m3fnuz', 240, 0x7f],
  ['float8e5m2', 57344, 0x7b],
  ['float8e5m2', 1e6, 0x7c], // +inf
  ['float8e5m2', -1e6, 0xfb, true],
  ['float8e5m2fnuz', 1, 0x40],
  ['float4e2m1', 0.5, 0x1],
  ['float4e2m1', 5, 0x6], // tie between 4 and 6: to even (4)
  ['float4e2m1', 2.5, 0x4], // tie between 2 and 3: to even (2)
  ['float4e2m1', 7, 0x7], // no infinity: saturates to 6
  ['float4e2m1', -6, 0xf],
];

describe('mini float formats', () => {
  it.each(cases)('%s: %d -> 0x%s', (type, x, bits, saturate) => {
    expect(encodeMiniFloat(x, MINI_FLOATS[type], saturate ?? false)).toBe(bits);
  });

  it.each(Object.keys(MINI_FLOATS).filter((t) => t !== 'float16' && t !== 'bfloat16') as MiniFloatType[])('%s: every code decodes and re-encodes to itself', (type) => {
    const fmt = MINI_FLOATS[type];
    const n = 1 << (1 + fmt.exponentBits + fmt.mantissaBits);
    for (let b = 0; b < n; b++) {
      const v = decodeMiniFloat(b, fmt);
      if (Number.isNaN(v)) continue;
      expect(encodeMiniFloat(v, fmt)).toBe(b);
    }
  });

  it('decodes NaN codes', () => {
    expect(decodeMiniFloat(0x7f, MINI_FLOATS.float8e4m3fn)).toBeNaN();
    expect(decodeMiniFloat(0x80, MINI_FLOATS.float8e4m3fnuz)).toBeNaN();
    expect(decodeMiniFloat(0x7e00, MINI_FLOATS.float16)).toBeNaN();
  });
});
