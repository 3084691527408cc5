import type { Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { data, f32, i64, run1, t } from './run-op.test-support';

const F = Math.fround;

// [op, input, expected] — exact values or known constants rounded to float32
const cases: [string, Tensor, (number | bigint)[]][] = [
  ['Neg', f32([3], [1, -2, 0]), [-1, 2, -0]],
  ['Neg', t('int8', [2], [-128, 5]), [-128, -5]],
  ['Neg', i64([-9223372036854775808n, 3n]), [-9223372036854775808n, -3n]],
  ['Abs', f32([3], [-1.5, 2, -0]), [1.5, 2, 0]],
  ['Abs', t('int8', [3], [-128, -5, 5]), [-128, 5, 5]],
  ['Abs', t('uint16', [1], [65535]), [65535]],
  ['Abs', i64([-7n, 7n]), [7n, 7n]],
  ['Sqrt', f32([3], [4, 2, -1]), [2, F(Math.SQRT2), NaN]],
  ['Exp', f32([3], [0, 1, -Infinity]), [1, F(Math.E), 0]],
  ['Log', f32([4], [1, 8, 0, -1]), [0, F(2.0794415416798357), -Infinity, NaN]],
  ['Reciprocal', f32([3], [2, -4, 0]), [0.5, -0.25, Infinity]],
  ['Ceil', f32([3], [1.2, -1.2, -0.5]), [2, -1, -0]],
  ['Floor', f32([3], [1.8, -1.2, 3]), [1, -2, 3]],
  ['Round', f32([9], [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, 2.6, -2.6]), [0, 2, 2, -0, -2, -2, 2, 3, -3]],
  ['Round', f32([3], [0.49999997, 8388609, -3.5]), [0, 8388609, -4]],
  ['Sign', f32([4], [-3, 0, 2.5, NaN]), [-1, 0, 1, NaN]],
  ['Sign', t('int32', [3], [-7, 0, 9]), [-1, 0, 1]],
  ['Sign', i64([-7n, 0n, 9n]), [-1n, 0n, 1n]],
  ['Not', t('bool', [2], [0, 1]), [1, 0]],
];

describe('unary math', () => {
  it.each(cases)('%s %#', (op, x, expected) => {
    const y = run1(op, [x]);
    expect(y.elemType).toBe(x.elemType);
    expect(y.dims).toEqual(x.dims);
    expect(data(y)).toEqual(expected);
  });

  it('decodes and re-encodes float16', () => {
    // Sqrt(2) in float16: 1.4142135… → nearest 1 + 424/1024 = 0x3DA8; Round(2.5) = 2 (0x4000)
    expect(data(run1('Sqrt', [t('float16', [1], [0x4000])]))).toEqual([0x3da8]);
    expect(data(run1('Round', [t('float16', [1], [0x4100])]))).toEqual([0x4000]);
  });

  it('rejects integer input where only floats are defined', () => {
    expect(() => run1('Exp', [t('int32', [1], [1])])).toThrow(/int32 is not supported \(expected float16\/bfloat16\/float32\/float64\)/);
  });
});
