import type { AttributeInput, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { data, f32, i64, run1, t } from '../elementwise/run-op.test-support';

// spec example data, shape [3, 2, 2]
const x = f32([3, 2, 2], [5, 1, 20, 2, 30, 1, 40, 2, 55, 1, 60, 2]);
const inputSince: Record<string, number> = { ReduceSum: 13, ReduceMean: 18, ReduceMax: 18, ReduceMin: 18, ReduceProd: 18 };

function reduce(op: string, input: Tensor, axes: number[] | undefined, attrs: Record<string, AttributeInput> = {}, opset = 21): Tensor {
  if (opset >= inputSince[op]) return run1(op, [input, axes ? i64(axes) : undefined], attrs, opset);
  return run1(op, [input], axes ? { ...attrs, axes } : attrs, opset);
}

describe('Reduce*', () => {
  it.each([
    ['ReduceSum', [25, 3, 70, 3, 115, 3], 219],
    ['ReduceMean', [12.5, 1.5, 35, 1.5, 57.5, 1.5], 18.25],
    ['ReduceMax', [20, 2, 40, 2, 60, 2], 60],
    ['ReduceMin', [5, 1, 30, 1, 55, 1], 1],
    ['ReduceProd', [100, 2, 1200, 2, 3300, 2], 3168000000],
  ])('%s over axis 1, with keepdims 1 / 0, and over everything', (op, overAxis1, overAll) => {
    for (const opset of [11, 13, 18]) {
      const k1 = reduce(op, x, [1], { keepdims: 1 }, opset);
      expect(k1.dims).toEqual([3, 1, 2]);
      expect(data(k1)).toEqual(overAxis1);
      const k0 = reduce(op, x, [-2], { keepdims: 0 }, opset);
      expect(k0.dims).toEqual([3, 2]);
      expect(data(k0)).toEqual(overAxis1);
      const all = reduce(op, x, undefined, {}, opset);
      expect(all.dims).toEqual([1, 1, 1]);
      expect(data(all)).toEqual([overAll]);
    }
  });

  it('noop_with_empty_axes = 1 returns the input; 0 reduces everything', () => {
    for (const op of Object.keys(inputSince)) {
      expect(data(reduce(op, x, [], { noop_with_empty_axes: 1 }))).toEqual(data(x));
      expect(reduce(op, x, [], { keepdims: 0 }).dims).toEqual([]);
    }
  });

  it.each([
    ['ReduceSum', 0],
    ['ReduceProd', 1],
    ['ReduceMax', -Infinity],
    ['ReduceMin', Infinity],
    ['ReduceMean', 0],
  ])('%s of an empty set', (op, value) => {
    const y = reduce(op, f32([2, 0, 4], []), [1]);
    expect(y.dims).toEqual([2, 1, 4]);
    expect(data(y)).toEqual(new Array(8).fill(value));
  });

  it('integer types: wrap, truncate, type bounds for empty max / min', () => {
    expect(data(reduce('ReduceSum', t('int32', [2], [2147483647, 1]), [0], { keepdims: 0 }))).toEqual([-2147483648]);
    expect(data(reduce('ReduceMean', t('int32', [2, 2], [3, 4, -3, -4]), [1], { keepdims: 0 }))).toEqual([3, -3]);
    expect(data(reduce('ReduceMean', i64([3, 4, -3, -4], [2, 2]), [1], { keepdims: 0 }))).toEqual([3n, -3n]);
    expect(data(reduce('ReduceProd', i64([2n ** 32n, 2n ** 32n]), [0]))).toEqual([0n]);
    expect(data(reduce('ReduceMax', t('int32', [2, 0], []), [1]))).toEqual([-2147483648, -2147483648]);
    expect(data(reduce('ReduceMin', t('uint8', [1, 0], []), [1]))).toEqual([255]);
    expect(data(reduce('ReduceMax', i64([], [0]), [0]))).toEqual([-9223372036854775808n]);
    expect(data(reduce('ReduceMax', t('bool', [2, 2], [1, 0, 0, 0]), [1], { keepdims: 0 }))).toEqual([1, 0]);
  });

  it('float32 sums are rounded once', () => {
    // 2^24 + 1 + 1 = 2^24 + 2 exactly (a running float32 sum would stay at 2^24)
    expect(data(reduce('ReduceSum', f32([3], [16777216, 1, 1]), [0]))).toEqual([16777218]);
  });

  it('refuses axes out of range', () => {
    expect(() => reduce('ReduceSum', x, [3])).toThrow(/axis 3 is out of range for rank 3/);
  });
});
