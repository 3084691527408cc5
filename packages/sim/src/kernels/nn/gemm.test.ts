import { attr, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { runOp, values } from './run-op.test-support';

const f = (dims: number[], v: number[]) => Tensor.float32(dims, v);
// A = [[1,2,3],[4,5,6]], B = [[1,0],[0,1],[1,1]]  =>  A·B = [[4,5],[10,11]]
const A = f([2, 3], [1, 2, 3, 4, 5, 6]);
const B = f([3, 2], [1, 0, 0, 1, 1, 1]);
const At = f([3, 2], [1, 4, 2, 5, 3, 6]);
const Bt = f([2, 3], [1, 0, 1, 0, 1, 1]);

const cases: { name: string; a: Tensor; b: Tensor; c?: Tensor; attrs?: Record<string, any>; y: number[] }[] = [
  { name: 'no C (opset 11+)', a: A, b: B, y: [4, 5, 10, 11] },
  { name: 'transA', a: At, b: B, attrs: { transA: 1 }, y: [4, 5, 10, 11] },
  { name: 'transB', a: A, b: Bt, attrs: { transB: 1 }, y: [4, 5, 10, 11] },
  { name: 'transA and transB', a: At, b: Bt, attrs: { transA: 1, transB: 1 }, y: [4, 5, 10, 11] },
  // 2·AB + 0.5·[2,4] per row
  { name: 'alpha, beta, vector C', a: A, b: B, c: f([2], [2, 4]), attrs: { alpha: attr.float(2), beta: attr.float(0.5) }, y: [9, 12, 21, 24] },
  { name: 'scalar-like C [1,1]', a: A, b: B, c: f([1, 1], [10]), y: [14, 15, 20, 21] },
  { name: 'rank-0 C', a: A, b: B, c: f([], [1]), y: [5, 6, 11, 12] },
  { name: 'column C [2,1]', a: A, b: B, c: f([2, 1], [1, 2]), y: [5, 6, 12, 13] },
  { name: 'full C', a: A, b: B, c: f([2, 2], [1, 2, 3, 4]), y: [5, 7, 13, 15] },
  { name: 'beta 0 ignores C', a: A, b: B, c: f([2, 2], [NaN, NaN, NaN, NaN]), attrs: { beta: attr.float(0) }, y: [4, 5, 10, 11] },
];

describe('Gemm', () => {
  it.each(cases)('$name', ({ a, b, c, attrs, y }) => {
    const [out] = runOp('Gemm', [a, b, c], attrs ?? {}, { opset: 13 });
    expect(out.dims).toEqual([2, 2]);
    expect(values(out)).toEqual(y);
  });

  it('rejects a C that does not broadcast to [M, N]', () => {
    expect(() => runOp('Gemm', [A, B, f([3], [1, 2, 3])])).toThrow(/broadcast/);
  });

  it('rejects inner dimensions that disagree', () => {
    expect(() => runOp('Gemm', [A, A])).toThrow(/inner dimension/);
  });
});
