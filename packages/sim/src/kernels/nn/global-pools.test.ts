import { Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { runOp, values } from './run-op.test-support';

const f = (dims: number[], v: number[]) => Tensor.float32(dims, v);

describe('global pools', () => {
  const x = f([1, 2, 2, 2], [1, 2, 3, 4, -1, -5, 0, 2]);
  it('GlobalAveragePool', () => {
    const [out] = runOp('GlobalAveragePool', [x]);
    expect(out.dims).toEqual([1, 2, 1, 1]);
    expect(values(out)).toEqual([2.5, -1]);
  });
  it('GlobalMaxPool', () => {
    const [out] = runOp('GlobalMaxPool', [x]);
    expect(out.dims).toEqual([1, 2, 1, 1]);
    expect(values(out)).toEqual([4, 2]);
  });
});
