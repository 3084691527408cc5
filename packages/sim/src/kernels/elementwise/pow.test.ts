import { describe, expect, it } from 'vitest';
import { data, f32, i64, run1, t } from './run-op.test-support';

describe('Pow', () => {
  it.each([
    ['float32', f32([4], [2, 4, -2, 9]), f32([4], [3, 0.5, 2, -0.5]), [8, 2, 4, 0.3333333432674408]],
    // C pow: pow(1, NaN) = 1, pow(-1, ±inf) = 1, pow(0, 0) = 1, pow(2, -inf) = 0, pow(-8, 1/3) = NaN
    ['C special cases', f32([5], [1, -1, 0, 2, -8]), f32([5], [NaN, Infinity, 0, -Infinity, 1 / 3]), [1, 1, 1, 0, NaN]],
    ['broadcast exponent', f32([2, 2], [1, 2, 3, 4]), f32([], [2]), [1, 4, 9, 16]],
    ['int32 base, float exponent (spec example)', t('int32', [3], [1, 2, 3]), f32([3], [4, 5, 6]), [1, 32, 729]],
    ['int32 ** int32 truncates', t('int32', [4], [2, -3, 2, 7]), t('int32', [4], [10, 3, -1, 0]), [1024, -27, 0, 1]],
    ['int64 ** int64 wraps modulo 2^64', i64([2, 2, -2, 10, 2]), i64([62, 63, 63, 18, 64]), [2n ** 62n, -(2n ** 63n), -(2n ** 63n), 10n ** 18n, 0n]],
    ['float32 base, int64 exponent', f32([2], [1.5, 2]), i64([2, -1]), [2.25, 0.5]],
  ])('%s', (_n, a, b, expected) => {
    const y = run1('Pow', [a, b]);
    expect(y.elemType).toBe(a.elemType);
    expect(data(y)).toEqual(expected);
  });

  it('opset < 7 uses the broadcast attribute', () => {
    expect(data(run1('Pow', [f32([2, 2], [1, 2, 3, 4]), f32([2], [2, 3])], { broadcast: 1 }, 6))).toEqual([1, 8, 9, 64]);
  });
});
