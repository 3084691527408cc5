import type { Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { data, f32, i64, run1, t } from './run-op.test-support';

const cases: [string, Tensor, Tensor, number[], number[]][] = [
  ['Equal', f32([3], [1, NaN, 2]), f32([3], [1, NaN, 3]), [3], [1, 0, 0]],
  ['Equal', t('bool', [4], [0, 0, 1, 1]), t('bool', [4], [0, 1, 0, 1]), [4], [1, 0, 0, 1]],
  ['Equal', t('string', [2], ['a', 'b']), t('string', [2], ['a', 'c']), [2], [1, 0]],
  ['Greater', f32([2, 2], [1, 5, 3, 2]), f32([1], [2]), [2, 2], [0, 1, 1, 0]],
  ['Greater', t('uint32', [2], [4294967295, 0]), t('uint32', [2], [1, 0]), [2], [1, 0]],
  ['Less', i64([-1, 5, -9223372036854775808n]), i64([0, 5, 9223372036854775807n]), [3], [1, 0, 1]],
  ['Less', f32([2, 1], [1, 4]), f32([3], [0, 2, 5]), [2, 3], [0, 1, 1, 0, 0, 1]],
  ['GreaterOrEqual', t('uint8', [3], [0, 255, 3]), t('uint8', [3], [0, 254, 4]), [3], [1, 1, 0]],
  ['LessOrEqual', t('int32', [3], [3, -3, 0]), t('int32', [3], [2, -3, 1]), [3], [0, 1, 1]],
  ['LessOrEqual', f32([2], [NaN, 1]), f32([2], [NaN, 1]), [2], [0, 1]],
];

describe('comparisons → bool', () => {
  it.each(cases)('%s %#', (op, a, b, dims, expected) => {
    const y = run1(op, [a, b], {}, 19);
    expect(y.elemType).toBe('bool');
    expect(y.dims).toEqual(dims);
    expect(data(y)).toEqual(expected);
  });
});
