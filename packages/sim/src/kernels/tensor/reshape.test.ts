import { describe, expect, it } from 'vitest';
import { data, f32, i64, run1 } from '../elementwise/run-op.test-support';

const x = f32([2, 3, 4], Array.from({ length: 24 }, (_, i) => i));

describe('Reshape', () => {
  it.each([
    ['reordered dims', [4, 2, 3], [4, 2, 3]],
    ['-1 is inferred', [2, -1], [2, 12]],
    ['0 copies the input dimension', [0, 4, -1], [2, 4, 3]],
    ['extended dims', [2, 3, 2, 2], [2, 3, 2, 2]],
    ['one dim', [24], [24]],
    ['0 and -1 together', [2, 0, 4, 1], [2, 3, 4, 1]],
  ])('%s', (_n, shape, dims) => {
    const y = run1('Reshape', [x, i64(shape)]);
    expect(y.dims).toEqual(dims);
    expect(data(y)).toEqual(data(x));
  });

  it('allowzero = 1 keeps 0 as a real dimension', () => {
    expect(run1('Reshape', [f32([0, 3], []), i64([3, 0])], { allowzero: 1 }, 14).dims).toEqual([3, 0]);
    expect(() => run1('Reshape', [f32([0, 3], []), i64([0, -1])], { allowzero: 1 }, 14)).toThrow(/forbids 0 together with -1/);
  });

  it('opset < 5 reads the shape attribute', () => {
    expect(run1('Reshape', [x], { shape: [6, 4] }, 4).dims).toEqual([6, 4]);
  });

  it.each([
    [[5, -1], /cannot reshape 24 elements \[2, 3, 4\] to \[5, -1\]: 24 is not a multiple of 5/],
    [[5, 5], /the target has 25 elements/],
    [[-1, -1], /more than one -1/],
    [[0, 0, 0, 0], /copies a dimension the input does not have/],
  ])('explains why %j fails', (shape, message) => {
    expect(() => run1('Reshape', [x, i64(shape)])).toThrow(message);
  });

  it('reports int64 shapes that are not safe integers', () => {
    expect(() => run1('Reshape', [x, i64([2n ** 60n])])).toThrow(/shape: value 1152921504606846976 is outside the safe integer range/);
  });
});

describe('Flatten', () => {
  it.each([
    [0, [1, 24]],
    [1, [2, 12]],
    [2, [6, 4]],
    [3, [24, 1]],
    [-1, [6, 4]],
    [-3, [1, 24]],
  ])('axis %i', (axis, dims) => {
    expect(run1('Flatten', [x], { axis }).dims).toEqual(dims);
  });

  it('refuses an axis beyond the rank', () => {
    expect(() => run1('Flatten', [x], { axis: 4 })).toThrow(/axis 4 is out of range for rank 3/);
  });
});

describe('Squeeze / Unsqueeze', () => {
  const y = f32([1, 3, 1, 2], [1, 2, 3, 4, 5, 6]);
  it('Squeeze with axes input (13+), attribute (< 13), or none', () => {
    expect(run1('Squeeze', [y, i64([0, -2])], {}, 13).dims).toEqual([3, 2]);
    expect(run1('Squeeze', [y, i64([2])], {}, 13).dims).toEqual([1, 3, 2]);
    expect(run1('Squeeze', [y], { axes: [0] }, 11).dims).toEqual([3, 1, 2]);
    expect(run1('Squeeze', [y], {}, 13).dims).toEqual([3, 2]);
    expect(run1('Squeeze', [y, i64([])], {}, 13).dims).toEqual([3, 2]);
    expect(() => run1('Squeeze', [y, i64([1])], {}, 13)).toThrow(/cannot squeeze axis 1 of \[1, 3, 1, 2\]: its size is 3, not 1/);
  });

  it('Unsqueeze positions refer to the output, in any order', () => {
    const z = f32([3, 4], Array.from({ length: 12 }, (_, i) => i));
    expect(run1('Unsqueeze', [z, i64([0])], {}, 13).dims).toEqual([1, 3, 4]);
    expect(run1('Unsqueeze', [z, i64([2, 0])], {}, 13).dims).toEqual([1, 3, 1, 4]);
    expect(run1('Unsqueeze', [z, i64([-1])], {}, 13).dims).toEqual([3, 4, 1]);
    expect(run1('Unsqueeze', [z, i64([4, 3, 0])], {}, 13).dims).toEqual([1, 3, 4, 1, 1]);
    expect(run1('Unsqueeze', [z], { axes: [1] }, 11).dims).toEqual([3, 1, 4]);
    expect(() => run1('Unsqueeze', [z, i64([0, 0])], {}, 13)).toThrow(/listed twice/);
    expect(() => run1('Unsqueeze', [z, i64([3])], {}, 13)).toThrow(/axis 3 is out of range for output rank 3/);
  });
});
