import { describe, expect, it } from 'vitest';
import { data, f32, i64, run1, t } from './run-op.test-support';

describe('Div', () => {
  it.each([
    ['int32 truncates toward zero', t('int32', [5], [7, -7, 7, -7, 0]), t('int32', [5], [2, 2, -2, -2, 5]), [3, -3, -3, 3, 0]],
    ['int64 truncates toward zero', i64([7, -7, 7, -7]), i64([2, 2, -2, -2]), [3n, -3n, -3n, 3n]],
    ['uint8', t('uint8', [2], [255, 7]), t('uint8', [2], [2, 255]), [127, 0]],
    ['int32 min / -1 wraps', t('int32', [1], [-2147483648]), t('int32', [1], [-1]), [-2147483648]],
    ['int16 broadcast', t('int16', [3], [-9, 9, 10]), t('int16', [], [4]), [-2, 2, 2]],
    ['float by zero', f32([3], [1, -1, 0]), f32([3], [0, 0, 0]), [Infinity, -Infinity, NaN]],
    ['float32 rounds once', f32([1], [1]), f32([1], [3]), [0.3333333432674408]],
  ])('%s', (_n, a, b, expected) => {
    expect(data(run1('Div', [a, b]))).toEqual(expected);
  });

  it('fails on integer division by zero', () => {
    expect(() => run1('Div', [t('int32', [1], [1]), t('int32', [1], [0])])).toThrow(/division by zero/);
    expect(() => run1('Div', [i64([1]), i64([0])])).toThrow(/division by zero/);
  });
});

describe('Mod', () => {
  const a = [-7, 7, -7, 7, 5];
  const b = [2, -2, -2, 2, 3];
  it.each([
    ['fmod=0: sign of the divisor (int32)', 'int32', 0, [1, -1, -1, 1, 2]],
    ['fmod=1: sign of the dividend (int32)', 'int32', 1, [-1, 1, -1, 1, 2]],
    ['fmod=0 int64', 'int64', 0, [1n, -1n, -1n, 1n, 2n]],
    ['fmod=1 int8', 'int8', 1, [-1, 1, -1, 1, 2]],
  ] as const)('%s', (_n, type, fmod, expected) => {
    expect(data(run1('Mod', [t(type, [5], a), t(type, [5], b)], { fmod }))).toEqual(expected);
  });

  it('floats need fmod=1 and follow C fmod', () => {
    expect(data(run1('Mod', [f32([3], [5.5, -5.5, 7]), f32([3], [2, 2, -3])], { fmod: 1 }))).toEqual([1.5, -1.5, 1]);
    expect(() => run1('Mod', [f32([1], [1]), f32([1], [1])])).toThrow(/float32 is not supported/);
  });
});
