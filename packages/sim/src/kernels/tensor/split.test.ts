import { describe, expect, it } from 'vitest';
import { data, f32, i64, run } from '../elementwise/run-op.test-support';

const x6 = f32([6], [1, 2, 3, 4, 5, 6]);
const x2x6 = f32([2, 6], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

describe('Split', () => {
  it('equal parts by default (every opset)', () => {
    for (const opset of [11, 13, 18]) {
      const ys = run('Split', [x6], {}, { opset, outputs: 3 });
      expect(ys.map(data)).toEqual([[1, 2], [3, 4], [5, 6]]);
    }
  });

  it('split sizes: attribute before opset 13, input from 13', () => {
    expect(run('Split', [x2x6], { axis: 1, split: [2, 4] }, { opset: 11, outputs: 2 }).map(data)).toEqual([[1, 2, 7, 8], [3, 4, 5, 6, 9, 10, 11, 12]]);
    const ys = run('Split', [x2x6, i64([1, 0, 5])], { axis: -1 }, { opset: 13, outputs: 3 });
    expect(ys.map((y) => y.dims)).toEqual([[2, 1], [2, 0], [2, 5]]);
    expect(ys.map(data)).toEqual([[1, 7], [], [2, 3, 4, 5, 6, 8, 9, 10, 11, 12]]);
  });

  it('num_outputs (opset 18): ceil-sized parts, the last one smaller', () => {
    const ys = run('Split', [f32([7], [1, 2, 3, 4, 5, 6, 7])], { num_outputs: 3 }, { opset: 18, outputs: 3 });
    expect(ys.map(data)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    const zs = run('Split', [f32([2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])], { axis: 1, num_outputs: 2 }, { opset: 18, outputs: 2 });
    expect(zs.map((y) => y.dims)).toEqual([[2, 3], [2, 2]]);
    expect(zs.map(data)).toEqual([[1, 2, 3, 6, 7, 8], [4, 5, 9, 10]]);
  });

  it('an empty split input means equal parts', () => {
    expect(run('Split', [x6, i64([])], {}, { opset: 13, outputs: 2 }).map(data)).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('explains bad splits', () => {
    expect(() => run('Split', [x6, i64([2, 2])], {}, { opset: 13, outputs: 2 })).toThrow(/split \[2, 2\] does not add up to dimension 0 of \[6\] \(6\)/);
    expect(() => run('Split', [f32([5], [1, 2, 3, 4, 5])], {}, { opset: 13, outputs: 2 })).toThrow(/does not split into 2 equal parts/);
    expect(() => run('Split', [x6], { num_outputs: 3 }, { opset: 18, outputs: 2 })).toThrow(/num_outputs = 3 but the node has 2 outputs/);
  });
});
