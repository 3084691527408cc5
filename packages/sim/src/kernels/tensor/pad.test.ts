import { attr } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { data, f32, i64, run1 } from '../elementwise/run-op.test-support';

const x = f32([3, 2], [1, 2, 3, 4, 5, 6]);

describe('Pad (opset 11+: inputs)', () => {
  it.each([
    // pads [0, 2, 0, 0]: two columns before (spec examples, integer data)
    ['constant', [0, 2, 0, 0], [3, 4], [0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 5, 6]],
    ['reflect', [0, 2, 0, 0], [3, 4], [1, 2, 1, 2, 3, 4, 3, 4, 5, 6, 5, 6]],
    ['edge', [0, 2, 0, 0], [3, 4], [1, 1, 1, 2, 3, 3, 3, 4, 5, 5, 5, 6]],
    // one row before, one column before and after: rows r2 r0 r1 r2, columns c1 c0 c1 c0
    ['wrap', [1, 1, 0, 1], [4, 4], [6, 5, 6, 5, 2, 1, 2, 1, 4, 3, 4, 3, 6, 5, 6, 5]],
  ])('%s', (mode, pads, dims, expected) => {
    const y = run1('Pad', [x, i64(pads)], { mode }, 19);
    expect(y.dims).toEqual(dims);
    expect(data(y)).toEqual(expected);
  });

  it('reflect mirrors without repeating the border', () => {
    expect(data(run1('Pad', [f32([4], [1, 2, 3, 4]), i64([2, 2])], { mode: 'reflect' }))).toEqual([3, 2, 1, 2, 3, 4, 3, 2]);
  });

  it('constant_value, and constant pads of int64 data', () => {
    expect(data(run1('Pad', [x, i64([1, 0, 0, 0]), f32([], [9])]))).toEqual([9, 9, 1, 2, 3, 4, 5, 6]);
    expect(data(run1('Pad', [i64([1, 2]), i64([1, 1]), i64([7], [])]))).toEqual([7n, 1n, 2n, 7n]);
  });

  it('negative pads crop (before the other modes apply)', () => {
    expect(data(run1('Pad', [f32([2, 3], [1, 2, 3, 4, 5, 6]), i64([0, -1, 0, 1])]))).toEqual([2, 3, 0, 5, 6, 0]);
    // crop the last element, then wrap two in front: [1 2 3] → [2 3 1 2 3]
    expect(data(run1('Pad', [f32([4], [1, 2, 3, 4]), i64([2, -1])], { mode: 'wrap' }))).toEqual([2, 3, 1, 2, 3]);
    expect(data(run1('Pad', [f32([4], [1, 2, 3, 4]), i64([-1, 1])], { mode: 'edge' }))).toEqual([2, 3, 4, 4]);
  });

  it('axes input (opset 18+) selects the padded axes', () => {
    const y = run1('Pad', [f32([2, 3], [1, 2, 3, 4, 5, 6]), i64([1, 1]), undefined, i64([-1])], {}, 18);
    expect(y.dims).toEqual([2, 5]);
    expect(data(y)).toEqual([0, 1, 2, 3, 0, 0, 4, 5, 6, 0]);
  });

  it('explains bad pads', () => {
    expect(() => run1('Pad', [x, i64([1, 1])])).toThrow(/pads has 2 values, expected 4/);
    expect(() => run1('Pad', [x, i64([0, -3, 0, 0])])).toThrow(/remove more than the 2 elements/);
    expect(() => run1('Pad', [x, i64([0, 0, 0, 0])], { mode: 'mirror' })).toThrow(/mode must be constant, reflect, edge or wrap/);
  });
});

describe('Pad (opset < 11: attributes)', () => {
  it('pads and value attributes', () => {
    const y = run1('Pad', [f32([2, 2], [1, 2, 3, 4])], { pads: [1, 0, 0, 0], value: attr.float(5.5) }, 2);
    expect(data(y)).toEqual([5.5, 5.5, 1, 2, 3, 4]);
    expect(data(run1('Pad', [f32([2], [1, 2])], { pads: [0, 2], mode: 'edge' }, 2))).toEqual([1, 2, 2, 2]);
  });
});
