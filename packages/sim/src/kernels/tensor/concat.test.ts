import { describe, expect, it } from 'vitest';
import { data, f32, i64, run1 } from '../elementwise/run-op.test-support';

describe('Concat', () => {
  const a = f32([2, 2], [1, 2, 3, 4]);
  const b = f32([2, 2], [5, 6, 7, 8]);
  it.each([
    [0, [4, 2], [1, 2, 3, 4, 5, 6, 7, 8]],
    [1, [2, 4], [1, 2, 5, 6, 3, 4, 7, 8]],
    [-1, [2, 4], [1, 2, 5, 6, 3, 4, 7, 8]],
    [-2, [4, 2], [1, 2, 3, 4, 5, 6, 7, 8]],
  ])('axis %i', (axis, dims, expected) => {
    const y = run1('Concat', [a, b], { axis });
    expect(y.dims).toEqual(dims);
    expect(data(y)).toEqual(expected);
  });

  it('accepts unequal and empty parts along the axis', () => {
    const y = run1('Concat', [f32([2, 1], [1, 2]), f32([2, 0], []), f32([2, 2], [3, 4, 5, 6])], { axis: 1 });
    expect(y.dims).toEqual([2, 3]);
    expect(data(y)).toEqual([1, 3, 4, 2, 5, 6]);
    expect(data(run1('Concat', [i64([1, 2]), i64([3])], { axis: 0 }))).toEqual([1n, 2n, 3n]);
  });

  it('refuses mismatched shapes', () => {
    expect(() => run1('Concat', [a, f32([3, 1], [1, 2, 3])], { axis: 0 })).toThrow(/cannot concatenate float32\[3, 1\] with float32\[2, 2\] along axis 0/);
  });
});
