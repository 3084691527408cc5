import { describe, expect, it } from 'vitest';
import { data, f32, i64, run1, t } from '../elementwise/run-op.test-support';

describe('Gather', () => {
  it('axis 0 (spec example)', () => {
    const y = run1('Gather', [f32([3, 2], [1, 2, 3, 4, 5, 6]), i64([0, 1, 1, 2], [2, 2])]);
    expect(y.dims).toEqual([2, 2, 2]);
    expect(data(y)).toEqual([1, 2, 3, 4, 3, 4, 5, 6]);
  });

  it('axis 1 (spec example)', () => {
    const y = run1('Gather', [f32([3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]), i64([0, 2], [1, 2])], { axis: 1 });
    expect(y.dims).toEqual([3, 1, 2]);
    expect(data(y)).toEqual([1, 3, 4, 6, 7, 9]);
  });

  it('negative and scalar int32 indices', () => {
    expect(data(run1('Gather', [f32([3, 2], [1, 2, 3, 4, 5, 6]), i64([-1])]))).toEqual([5, 6]);
    const y = run1('Gather', [f32([3, 2], [1, 2, 3, 4, 5, 6]), t('int32', [], [1])]);
    expect(y.dims).toEqual([2]);
    expect(data(y)).toEqual([3, 4]);
    expect(data(run1('Gather', [t('string', [3], ['a', 'b', 'c']), i64([2, 0])]))).toEqual(['c', 'a']);
  });

  it('refuses indices out of range', () => {
    expect(() => run1('Gather', [f32([3], [1, 2, 3]), i64([3])])).toThrow(/index 3 is out of range for dimension 0 of size 3/);
    expect(() => run1('Gather', [f32([3], [1, 2, 3]), i64([-4])])).toThrow(/index -4 is out of range/);
  });
});
