import { describe, expect, it } from 'vitest';
import { data, f32, i64, run, t } from './run-op.test-support';

const F = Math.fround;

describe('Max / Min / Sum / Mean', () => {
  // a: [3], b: [2,1], c: scalar → [2,3]; row 0 sees b = 4, row 1 sees b = 2
  const a = f32([3], [1, 5, 3]);
  const b = f32([2, 1], [4, 2]);
  const c = f32([], [3]);
  it.each([
    ['Max', [4, 5, 4, 3, 5, 3]],
    ['Min', [1, 3, 3, 1, 2, 2]],
    ['Sum', [8, 12, 10, 6, 10, 8]],
    ['Mean', [F(8 / 3), 4, F(10 / 3), 2, F(10 / 3), F(8 / 3)]],
  ])('%s of three broadcast inputs', (op, expected) => {
    const [y] = run(op, [a, b, c]);
    expect(y.dims).toEqual([2, 3]);
    expect(data(y)).toEqual(expected);
  });

  it('one input is returned unchanged', () => {
    for (const op of ['Max', 'Min', 'Sum', 'Mean']) expect(data(run(op, [a])[0])).toEqual([1, 5, 3]);
  });

  it('NaN propagates through Max and Min', () => {
    expect(data(run('Max', [f32([3], [NaN, 1, 2]), f32([3], [1, NaN, 3])])[0])).toEqual([NaN, NaN, 3]);
    expect(data(run('Min', [f32([3], [NaN, 1, 2]), f32([3], [1, NaN, 3])])[0])).toEqual([NaN, NaN, 2]);
  });

  it('Max / Min on integers', () => {
    expect(data(run('Max', [t('int8', [2], [-128, 127]), t('int8', [2], [0, 0])])[0])).toEqual([0, 127]);
    expect(data(run('Min', [t('uint64', [2], [18446744073709551615n, 3]), t('uint64', [2], [1, 4])])[0])).toEqual([1n, 3n]);
    expect(data(run('Max', [i64([-5, 9]), i64([-6, 10]), i64([0], [])])[0])).toEqual([0n, 10n]);
  });

  it('Sum accumulates in double and rounds once', () => {
    // 2^24 + 1 + 1: pairwise float32 sums would give 2^24; the exact sum 2^24 + 2 is a float32
    expect(data(run('Sum', [f32([1], [16777216]), f32([1], [1]), f32([1], [1])])[0])).toEqual([16777218]);
  });

  it('refuses mixed types and integer Sum', () => {
    expect(() => run('Max', [f32([1], [1]), t('int32', [1], [1])])).toThrow(/same element type/);
    expect(() => run('Sum', [t('int32', [1], [1]), t('int32', [1], [1])])).toThrow(/int32 is not supported/);
  });
});
