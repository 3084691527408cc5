import { Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { composeThresholds } from './threshold-chain';

const f = (t: number[][], b: number) => (x: number, c: number) => b + t[t.length === 1 ? 0 : c].filter((v) => x >= v).length;
const table = (rows: number[][]) => new Tensor('float32', [rows.length, rows[0].length], Float32Array.from(rows.flat()));

describe('composeThresholds', () => {
  it('hand-worked: f1 = −1 + #{x ≥ 0, 2, 5}, f2 = #{y ≥ 1} → f2∘f1 = #{x ≥ 2}', () => {
    const r = composeThresholds(table([[0, 2, 5]]), -1, table([[1]]), 1, -8, 7);
    // f1(x) ≥ 1 needs two thresholds of f1 reached: x ≥ 2
    expect(r).toEqual({ dims: [1, 1], values: [2] });
  });

  it('always / never reached levels become the input range ends (lo, hi + 1)', () => {
    const r = composeThresholds(table([[0, 2]]), 0, table([[-3, 5]]), 1, -8, 7);
    expect(r.values).toEqual([-8, 8]);
  });

  it('equals f2(f1(x)) for every x in range, per channel and shared, unsorted rows', () => {
    const t1 = [[3, -2, 0, 7], [1, 1, -5, 4]];
    const t2 = [[0, 2, 1]];
    for (const [rows1, b1] of [[t1, -2], [[t1[0]], 1]] as const) {
      const r = composeThresholds(table(rows1 as number[][]), b1, table(t2), 2, -10, 10);
      const g = f(Array.from({ length: r.dims[0] }, (_, c) => r.values.slice(c * 3, c * 3 + 3)), 5);
      const ref = (x: number, c: number) => f(t2, 5)(f(rows1 as number[][], b1)(x, c), c);
      for (let c = 0; c < 2; c++) for (let x = -10; x <= 10; x++) expect(g(x, c), `x=${x} c=${c}`).toBe(ref(x, c));
    }
  });
});
