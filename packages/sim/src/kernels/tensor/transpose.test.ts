import { describe, expect, it } from 'vitest';
import { data, f32, run1, t } from '../elementwise/run-op.test-support';

describe('Transpose', () => {
  // x[i][j][k] = 100i + 10j + k, shape [2, 3, 2]
  const vals: number[] = [];
  for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 2; k++) vals.push(100 * i + 10 * j + k);
  const x = f32([2, 3, 2], vals);

  it('reverses the axes by default', () => {
    const y = run1('Transpose', [x]);
    expect(y.dims).toEqual([2, 3, 2]);
    // y[k][j][i] = x[i][j][k]
    expect(data(y)).toEqual([0, 100, 10, 110, 20, 120, 1, 101, 11, 111, 21, 121]);
  });

  it('follows perm', () => {
    const y = run1('Transpose', [x], { perm: [1, 0, 2] });
    expect(y.dims).toEqual([3, 2, 2]);
    expect(data(y)).toEqual([0, 1, 100, 101, 10, 11, 110, 111, 20, 21, 120, 121]);
    expect(data(run1('Transpose', [t('string', [2, 2], ['a', 'b', 'c', 'd'])]))).toEqual(['a', 'c', 'b', 'd']);
  });

  it('refuses a bad perm', () => {
    expect(() => run1('Transpose', [x], { perm: [0, 0, 1] })).toThrow(/not a permutation/);
  });
});
