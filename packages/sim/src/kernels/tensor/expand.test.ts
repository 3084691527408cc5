import { describe, expect, it } from 'vitest';
import { data, f32, i64, run1 } from '../elementwise/run-op.test-support';

describe('Expand', () => {
  const x = f32([3, 1], [1, 2, 3]);
  it('changes dims (spec example)', () => {
    const y = run1('Expand', [x, i64([2, 1, 6])]);
    expect(y.dims).toEqual([2, 3, 6]);
    const once = [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3];
    expect(data(y)).toEqual([...once, ...once]);
  });

  it('keeps dims where the shape says 1 (spec example)', () => {
    const y = run1('Expand', [x, i64([3, 4])]);
    expect(data(y)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    expect(run1('Expand', [x, i64([1])]).dims).toEqual([3, 1]);
  });

  it('refuses incompatible shapes', () => {
    expect(() => run1('Expand', [x, i64([2, 2])])).toThrow(/cannot be broadcast/);
  });
});

describe('Tile', () => {
  it('repeats along each axis', () => {
    const y = run1('Tile', [f32([2, 2], [1, 2, 3, 4]), i64([2, 3])]);
    expect(y.dims).toEqual([4, 6]);
    const rows = [1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4];
    expect(data(y)).toEqual([...rows, ...rows]);
    expect(run1('Tile', [f32([2], [1, 2]), i64([0])]).dims).toEqual([0]);
  });

  it('needs one repeat per axis', () => {
    expect(() => run1('Tile', [f32([2], [1, 2]), i64([1, 2])])).toThrow(/repeats \[1, 2\] must hold 1 non-negative values/);
  });
});
