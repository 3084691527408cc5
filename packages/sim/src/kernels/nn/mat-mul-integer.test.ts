import { Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { runOp, values } from './run-op.test-support';

const u8 = (dims: number[], v: number[]) => new Tensor('uint8', dims, Uint8Array.from(v));
const i8 = (dims: number[], v: number[]) => new Tensor('int8', dims, Int8Array.from(v));
// A = [[1,2],[3,4]], B = [[5,6],[7,8]]
const A = u8([2, 2], [1, 2, 3, 4]);
const B = u8([2, 2], [5, 6, 7, 8]);

const cases: { name: string; ins: (Tensor | undefined)[]; dims: number[]; y: number[] }[] = [
  { name: 'no zero points', ins: [A, B], dims: [2, 2], y: [19, 22, 43, 50] },
  // A' = [[0,1],[2,3]], B' = [[3,4],[5,6]]
  { name: 'scalar zero points', ins: [A, B, u8([], [1]), u8([], [2])], dims: [2, 2], y: [5, 6, 21, 26] },
  // A' = [[0,1],[1,2]]
  { name: 'per-row a_zero_point [M]', ins: [A, B, u8([2], [1, 2])], dims: [2, 2], y: [7, 8, 19, 22] },
  // B' = [[0,0],[2,2]]
  { name: 'per-column b_zero_point [N]', ins: [A, B, undefined, u8([2], [5, 6])], dims: [2, 2], y: [4, 4, 8, 8] },
  { name: 'N-D per-row a_zero_point [.., M, 1]', ins: [u8([1, 2, 2], [1, 2, 3, 4]), B, u8([1, 2, 1], [1, 2])], dims: [1, 2, 2], y: [7, 8, 19, 22] },
  // (-128)(-128) + 127·127
  { name: 'int8 extremes', ins: [i8([1, 2], [-128, 127]), i8([2, 1], [-128, 127])], dims: [1, 1], y: [32513] },
];

describe('MatMulInteger', () => {
  it.each(cases)('$name', ({ ins, dims, y }) => {
    const [out] = runOp('MatMulInteger', ins, {}, { opset: 10 });
    expect(out.elemType).toBe('int32');
    expect(out.dims).toEqual(dims);
    expect(values(out)).toEqual(y);
  });

  it('rejects a zero point of another type', () => {
    expect(() => runOp('MatMulInteger', [A, B, i8([], [1])], {}, { opset: 10 })).toThrow(/a_zero_point is int8 but a is uint8/);
  });
});
