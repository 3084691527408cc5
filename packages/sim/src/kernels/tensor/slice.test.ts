import { describe, expect, it } from 'vitest';
import { data, f32, i64, run1 } from '../elementwise/run-op.test-support';

const MAX = 9223372036854775807n;
const MIN = -9223372036854775808n;
// rows [0 1 2 3] [4 5 6 7] [8 9 10 11]
const x = f32([3, 4], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

describe('Slice (opset 10+: inputs)', () => {
  it.each([
    ['default axes', [0, 1], [2, 3], undefined, undefined, [2, 2], [1, 2, 5, 6]],
    ['negative step reverses, end clamps to -1', [-1], [-1000], [1], [-1], [3, 4], [3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8]],
    ['step 2', [0], [4], [1], [2], [3, 2], [0, 2, 4, 6, 8, 10]],
    ['step -2 from a clamped start', [10], [-10], [0], [-2], [2, 4], [8, 9, 10, 11, 0, 1, 2, 3]],
    ['step 3 leaves a partial stride', [0], [4], [1], [3], [3, 2], [0, 3, 4, 7, 8, 11]],
    ['INT64_MAX end means "to the end"', [1], [MAX], [0], undefined, [2, 4], [4, 5, 6, 7, 8, 9, 10, 11]],
    ['INT64_MAX start / INT64_MIN end with step -1', [MAX], [MIN], [0], [-1], [3, 4], [8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3]],
    ['start past the end gives an empty axis', [5], [10], [1], undefined, [3, 0], []],
    ['negative axes', [1], [3], [-1], undefined, [3, 2], [1, 2, 5, 6, 9, 10]],
    ['negative start and end', [-2], [-1], [1], undefined, [3, 1], [2, 6, 10]],
  ] as [string, (number | bigint)[], (number | bigint)[], number[] | undefined, number[] | undefined, number[], number[]][])(
    '%s',
    (_n, starts, ends, axes, steps, dims, expected) => {
      const inputs = [x, i64(starts), i64(ends), axes ? i64(axes) : undefined, steps ? i64(steps) : undefined];
      const y = run1('Slice', inputs, {}, 13);
      expect(y.dims).toEqual(dims);
      expect(data(y)).toEqual(expected);
    },
  );

  it('refuses a zero step and repeated axes', () => {
    expect(() => run1('Slice', [x, i64([0]), i64([1]), i64([0]), i64([0])], {}, 13)).toThrow(/step for axis 0 is 0/);
    expect(() => run1('Slice', [x, i64([0, 0]), i64([1, 1]), i64([1, -1])], {}, 13)).toThrow(/axis -1 is listed twice/);
  });
});

describe('Slice (opset < 10: attributes)', () => {
  it('reads starts / ends / axes attributes', () => {
    const y = run1('Slice', [x], { starts: [1], ends: [1000], axes: [0] }, 9);
    expect(y.dims).toEqual([2, 4]);
    expect(data(y)).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    expect(data(run1('Slice', [x], { starts: [0, 2], ends: [1, 4] }, 1))).toEqual([2, 3]);
  });
});
