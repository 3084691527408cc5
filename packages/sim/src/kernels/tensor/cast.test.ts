import { type AttributeInput, type ElemType, elemTypeCode, type Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { data, f32, i64, run1, t } from '../elementwise/run-op.test-support';

const I32_MIN = -2147483648;
const I64_MIN = -9223372036854775808n;
const F = Math.fround;

// [name, input, target, expected stored values, extra attributes] — worked by hand from the Cast spec
// (round to nearest even between floats, truncation toward zero into integers, integer wrap-around)
// and, where the spec leaves it undefined, from onnxruntime's x86-64 behaviour.
const cases: [string, Tensor, ElemType, (number | bigint | string)[], Record<string, AttributeInput>?][] = [
  ['float → int8 truncates, then keeps the low byte', f32([4], [300.7, -1.9, 127.9, -128.5]), 'int8', [44, -1, 127, -128]],
  ['float → uint8 wraps', f32([2], [-1.5, 256.5]), 'uint8', [255, 0]],
  ['float → int32: NaN and out of range give INT32_MIN', f32([5], [NaN, Infinity, 2.5, -2.5, 3e9]), 'int32', [I32_MIN, I32_MIN, 2, -2, I32_MIN]],
  ['float → uint32 (onnxruntime: 2^31 for NaN, 0 from 2^32 up)', f32([4], [-1, 3e9, 5e9, NaN]), 'uint32', [4294967295, 3000000000, 0, 2147483648]],
  ['float → int64', f32([3], [1e19, -2.9, NaN]), 'int64', [I64_MIN, -2n, I64_MIN]],
  // 65520 is halfway between 65504 (odd mantissa) and 65536 (overflow) → inf; 1 + 2^-11 ties to 1;
  // 1 + 3·2^-11 ties to 1 + 2^-9; 6e-8 → the smallest subnormal 2^-24; 1e-8 underflows to 0
  ['float → float16 rounds to nearest even', f32([8], [65504, 65520, 1 + 2 ** -11, 1 + 3 * 2 ** -11, 6e-8, -0, NaN, 1e-8]), 'float16', [0x7bff, 0x7c00, 0x3c00, 0x3c02, 0x0001, 0x8000, 0x7e00, 0x0000]],
  ['double → float16', t('float64', [2], [0.1, -65519.99]), 'float16', [0x2e66, 0xfbff]],
  ['float → bfloat16 rounds to nearest even', f32([4], [1 + 2 ** -8, 1 + 3 * 2 ** -8, 3.4028234663852886e38, -2]), 'bfloat16', [0x3f80, 0x3f82, 0x7f80, 0xc000]],
  ['float16 → float', t('float16', [5], [0x3c00, 0x7bff, 0x0001, 0xfc00, 0x7e00]), 'float32', [1, 65504, 2 ** -24, -Infinity, NaN]],
  ['bfloat16 → double', t('bfloat16', [2], [0x3f81, 0xff80]), 'float64', [1.0078125, -Infinity]],
  ['double → float', t('float64', [2], [0.1, 1e300]), 'float32', [F(0.1), Infinity]],
  // 2^54 + 2^30 + 1 lies just above a float32 midpoint: rounding through a double would give 2^54
  ['int64 → float rounds once', i64([2n ** 53n + 1n, 2n ** 24n + 1n, 16777219n, 2n ** 54n + 2n ** 30n + 1n]), 'float32', [2 ** 53, 2 ** 24, 16777220, 2 ** 54 + 2 ** 31]],
  ['int64 → int8 keeps the low byte', i64([-1, 300, 2n ** 40n + 5n]), 'int8', [-1, 44, 5]],
  ['int32 → uint64 sign-extends', t('int32', [2], [-1, 7]), 'uint64', [18446744073709551615n, 7n]],
  ['uint8 → int8', t('uint8', [2], [255, 128]), 'int8', [-1, -128]],
  ['float → bool', f32([4], [0, -0, 0.1, NaN]), 'bool', [0, 0, 1, 1]],
  ['bool → float', t('bool', [2], [1, 0]), 'float32', [1, 0]],
  ['int64 → bool', i64([0, -5]), 'bool', [0, 1]],
  ['string → float', t('string', [6], ['1.5', 'INF', '-inf', 'NaN', '1e-5', '+Inf']), 'float32', [1.5, Infinity, -Infinity, NaN, F(1e-5), Infinity]],
  ['string → int64', t('string', [2], ['9007199254740993', '-12']), 'int64', [9007199254740993n, -12n]],
  ['float → string (like %.8g)', f32([5], [0.1, 1e-7, -2.5, 1 / 3, 1e20]), 'string', ['0.1', '1e-07', '-2.5', '0.33333334', '1e+20']],
  ['int64 / bool → string', i64([-1, 9007199254740993n]), 'string', ['-1', '9007199254740993']],
  // float8e4m3fn: max 448; 464 ties to 448; 465 overflows; 480 truncates onto the NaN code and gives 448
  ['float → float8e4m3fn, saturating', f32([8], [448, 464, 465, 480, 1e6, -1e6, 2 ** -9, NaN]), 'float8e4m3fn', [0x7e, 0x7e, 0x7e, 0x7e, 0x7e, 0xfe, 0x01, 0x7f]],
  ['float → float8e4m3fn, saturate=0', f32([7], [448, 464, 465, 480, 500, -Infinity, 0.1]), 'float8e4m3fn', [0x7e, 0x7e, 0x7f, 0x7e, 0x7f, 0xff, 0x1d], { saturate: 0 }],
  ['float → float8e4m3fnuz', f32([5], [-0, NaN, 240, 300, -1e-9]), 'float8e4m3fnuz', [0x00, 0x80, 0x7f, 0x7f, 0x00]],
  ['float → float8e4m3fnuz, saturate=0', f32([2], [300, Infinity]), 'float8e4m3fnuz', [0x80, 0x80], { saturate: 0 }],
  ['float → float8e5m2, saturate=0', f32([4], [57344, 61440, 1e6, -Infinity]), 'float8e5m2', [0x7b, 0x7e, 0x7c, 0xfc], { saturate: 0 }],
  ['float → float8e5m2, saturating', f32([3], [61440, Infinity, 1.75]), 'float8e5m2', [0x7b, 0x7b, 0x3f]],
  ['float8e4m3fn → float', t('float8e4m3fn', [4], [0x7e, 0x7f, 0x01, 0xb8]), 'float32', [448, NaN, 2 ** -9, -1]],
  ['float → float4e2m1', f32([6], [0.25, 0.75, 2.5, -5, 100, NaN]), 'float4e2m1', [0x0, 0x2, 0x4, 0xe, 0x7, 0x8]],
  // int4 / uint4: rounded half away from zero (onnxruntime), then the low 4 bits
  ['float → int4', f32([5], [-9.7, 7.5, 2.5, -2.5, 8]), 'int4', [6, -8, 3, -3, -8]],
  ['float → uint4', f32([4], [-9.7, 7.5, 2.5, -2.5]), 'uint4', [6, 8, 3, 13]],
  ['int32 → int4 wraps', t('int32', [4], [-9, 17, 7, -8]), 'int4', [7, 1, 7, -8]],
  ['int4 → float', t('int4', [2], [-8, 7]), 'float32', [-8, 7]],
  ['float → float8e8m0 (round up)', f32([6], [1, 1.5, 1.4, 3, 0.75, 0]), 'float8e8m0', [127, 128, 128, 129, 127, 0]],
  ['float → float8e8m0 (round down)', f32([4], [1.5, 3, 0.75, 2 ** 200]), 'float8e8m0', [127, 128, 126, 0xfe], { round_mode: 'down' }],
  ['float → float8e8m0 (nearest, ties up)', f32([4], [1.5, 1.4, 3, -1]), 'float8e8m0', [128, 127, 129, 0], { round_mode: 'nearest' }],
  ['float → float8e8m0, saturate=0', f32([3], [0, -1, Infinity]), 'float8e8m0', [0xff, 0xff, 0xff], { saturate: 0 }],
];

describe('Cast', () => {
  it.each(cases)('%s', (_n, x, to, expected, attrs = {}) => {
    const y = run1('Cast', [x], { to: elemTypeCode(to), ...attrs }, 25);
    expect(y.elemType).toBe(to);
    expect(y.dims).toEqual(x.dims);
    expect(data(y)).toEqual(expected);
  });

  it('returns the input when the type already matches', () => {
    const x = f32([2], [1, 2]);
    expect(data(run1('Cast', [x], { to: 1 }))).toEqual([1, 2]);
  });

  it('Cast-1 names the target type with a string', () => {
    expect(data(run1('Cast', [f32([2], [1.9, -1.9])], { to: 'INT32' }, 1))).toEqual([1, -1]);
    expect(data(run1('Cast', [t('int32', [1], [3])], { to: 'DOUBLE' }, 1))).toEqual([3]);
  });

  it('refuses unknown target types', () => {
    expect(() => run1('Cast', [f32([1], [1])], { to: 99 })).toThrow(/'to' = 99 is not a known element type/);
    expect(() => run1('Cast', [f32([1], [1])], { to: 1, round_mode: 'sideways' })).toThrow(/round_mode/);
  });
});

describe('CastLike', () => {
  it('casts to the type of the second input', () => {
    const y = run1('CastLike', [f32([2], [1.7, -1.7]), t('int32', [0], [])], {}, 15);
    expect(y.elemType).toBe('int32');
    expect(data(y)).toEqual([1, -1]);
  });

  it('honours saturate', () => {
    const y = run1('CastLike', [f32([1], [1000]), t('float8e4m3fn', [1], [0])], { saturate: 0 }, 19);
    expect(data(y)).toEqual([0x7f]);
  });
});
