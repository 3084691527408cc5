import { describe, expect, it } from 'vitest';
import { decodeFloatBits, type EncodeConvention, encodeFloatBits, type MiniFloatType } from './float-bits';

type Case = [MiniFloatType, number, number, boolean?];

// Bit patterns worked out from the formats' definitions (sign | exponent | mantissa), under the
// quantize rules (QuantizeLinear, fromNumbers), saturating only where the fourth column says so.
const quantizeCases: Case[] = [
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
  ['float8e5m2', 61440, 0x7c], // tie between 57344 and 65536: to even (65536), overflows to +inf
  ['float8e5m2', 1e6, 0x7c], // +inf
  ['float8e5m2', -1e6, 0xfb, true],
  ['float8e5m2fnuz', 1, 0x40],
  ['float4e2m1', 0.5, 0x1],
  ['float4e2m1', 5, 0x6], // tie between 4 and 6: to even (4)
  ['float4e2m1', 2.5, 0x4], // tie between 2 and 3: to even (2)
  ['float4e2m1', 7, 0x7], // no infinity: saturates to 6
  ['float4e2m1', -6, 0xf],
  ['float4e2m1', NaN, 0x7], // no NaN: the largest finite value
];

// Where Cast's rules (onnxruntime, the ONNX reference data) differ from the quantize rules.
const castCases: Case[] = [
  ['float8e4m3fn', 480, 0x7e], // truncates onto the NaN code S.1111.111: the largest finite value
  ['float8e4m3fn', 495, 0x7e],
  ['float8e4m3fn', 470, 0x7f], // rounds up past 448: NaN
  ['float8e5m2', 61440, 0x7e], // only overflows by rounding up out of the top binade: NaN
  ['float8e5m2', 65536, 0x7c], // beyond the top binade: +inf
  ['float4e2m1', NaN, 0x8], // negative zero
];

const narrowTypes: MiniFloatType[] = ['float8e4m3fn', 'float8e4m3fnuz', 'float8e5m2', 'float8e5m2fnuz', 'float4e2m1'];

describe('float bit patterns', () => {
  it.each(quantizeCases)('quantize rules, %s: %d -> 0x%s', (type, x, bits, saturate) => {
    expect(encodeFloatBits(type, x, { saturate: saturate ?? false, convention: 'quantize' })).toBe(bits);
  });

  it.each(castCases)('cast rules (default), %s: %d -> 0x%s', (type, x, bits) => {
    expect(encodeFloatBits(type, x, { saturate: false })).toBe(bits);
    expect(encodeFloatBits(type, x, { saturate: false, convention: 'cast' })).toBe(bits);
  });

  it.each(narrowTypes.flatMap((t) => (['cast', 'quantize'] as EncodeConvention[]).map((c) => [t, c] as const)))(
    '%s, %s rules: every code decodes and re-encodes to itself',
    (type, convention) => {
      const n = type === 'float4e2m1' ? 16 : 256;
      for (let b = 0; b < n; b++) {
        const v = decodeFloatBits(type, b);
        if (Number.isNaN(v)) continue;
        expect(encodeFloatBits(type, v, { saturate: false, convention })).toBe(b);
      }
    },
  );

  it('decodes NaN codes', () => {
    expect(decodeFloatBits('float8e4m3fn', 0x7f)).toBeNaN();
    expect(decodeFloatBits('float8e4m3fnuz', 0x80)).toBeNaN();
    expect(decodeFloatBits('float16', 0x7e00)).toBeNaN();
    expect(decodeFloatBits('float8e8m0', 0xff)).toBeNaN();
  });

  it('decodes float8e8m0 as powers of two', () => {
    expect(decodeFloatBits('float8e8m0', 127)).toBe(1);
    expect(decodeFloatBits('float8e8m0', 0)).toBe(2 ** -127);
    expect(decodeFloatBits('float8e8m0', 0xfe)).toBe(2 ** 127);
  });
});
