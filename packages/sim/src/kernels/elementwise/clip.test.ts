import { attr } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { data, f32, i64, run1, t } from './run-op.test-support';

describe('Clip', () => {
  it('opset 6: min / max attributes, either optional', () => {
    expect(data(run1('Clip', [f32([3], [-2, 0.5, 2])], { min: attr.float(-1), max: attr.float(1) }, 6))).toEqual([-1, 0.5, 1]);
    expect(data(run1('Clip', [f32([2], [-2, 5])], { min: attr.float(-1) }, 6))).toEqual([-1, 5]);
    expect(data(run1('Clip', [f32([2], [-2, 5])], { max: 0.5 }, 6))).toEqual([-2, 0.5]);
  });

  const x = f32([6], [-3, -1, 0, 1, 3, NaN]);
  it.each([
    ['both bounds (NaN passes through)', f32([], [-1]), f32([], [1]), [-1, -1, 0, 1, 1, NaN]],
    ['min only', f32([], [0]), undefined, [0, 0, 0, 1, 3, NaN]],
    ['max only', undefined, f32([], [0]), [-3, -1, 0, 0, 0, NaN]],
    ['no bounds', undefined, undefined, [-3, -1, 0, 1, 3, NaN]],
    ['min > max gives max everywhere', f32([], [2]), f32([], [1]), [1, 1, 1, 1, 1, NaN]],
  ])('opset 13: %s', (_n, lo, hi, expected) => {
    expect(data(run1('Clip', [x, lo, hi], {}, 13))).toEqual(expected);
  });

  it('integer types (opset 12+)', () => {
    const y = run1('Clip', [t('int8', [5], [-128, -5, 0, 5, 127]), t('int8', [], [-10]), t('int8', [], [10])], {}, 13);
    expect(data(y)).toEqual([-10, -5, 0, 5, 10]);
    expect(data(run1('Clip', [i64([-100, 50, 7]), i64([0], []), undefined], {}, 13))).toEqual([0n, 50n, 7n]);
    expect(data(run1('Clip', [t('uint8', [2], [3, 250]), undefined, t('uint8', [], [200])], {}, 13))).toEqual([3, 200]);
  });

  it('refuses bounds of another type or shape', () => {
    expect(() => run1('Clip', [f32([1], [1]), i64([0], [])], {}, 13)).toThrow(/'min' must have the input's type float32, got int64/);
    expect(() => run1('Clip', [f32([1], [1]), f32([2], [0, 1])], {}, 13)).toThrow(/'min' must be a scalar/);
  });
});
