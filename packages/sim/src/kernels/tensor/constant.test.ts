import { attr, type AttributeInput, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { data, f32, i64, run1, t } from '../elementwise/run-op.test-support';

describe('Constant', () => {
  it.each([
    ['value', { value: f32([2], [1.5, 2]) }, 'float32', [2], [1.5, 2]],
    ['value_float', { value_float: attr.float(0.1) }, 'float32', [], [Math.fround(0.1)]],
    ['value_floats', { value_floats: attr.floats([1, 2]) }, 'float32', [2], [1, 2]],
    ['value_int', { value_int: attr.int(-3) }, 'int64', [], [-3n]],
    ['value_ints', { value_ints: attr.ints([9007199254740993n, 4]) }, 'int64', [2], [9007199254740993n, 4n]],
    ['value_string', { value_string: attr.string('hi') }, 'string', [], ['hi']],
    ['value_strings', { value_strings: attr.strings(['a', 'b']) }, 'string', [2], ['a', 'b']],
  ] as [string, Record<string, AttributeInput>, string, number[], unknown[]][])('%s', (_n, attrs, type, dims, expected) => {
    const y = run1('Constant', [], attrs);
    expect(y.elemType).toBe(type);
    expect(y.dims).toEqual(dims);
    expect(data(y)).toEqual(expected);
  });

  it('needs exactly one value attribute', () => {
    expect(() => run1('Constant', [], {})).toThrow(/exactly one of .* got none/);
    expect(() => run1('Constant', [], { value_int: attr.int(1), value_float: attr.float(1) })).toThrow(/got value_float, value_int/);
  });
});

describe('ConstantOfShape', () => {
  it('fills with float32 0 by default, or the value tensor', () => {
    const y = run1('ConstantOfShape', [i64([2, 3])]);
    expect(y.elemType).toBe('float32');
    expect(y.dims).toEqual([2, 3]);
    expect(data(y)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(data(run1('ConstantOfShape', [i64([2])], { value: i64([7], [1]) }))).toEqual([7n, 7n]);
    expect(run1('ConstantOfShape', [i64([0, 3])]).dims).toEqual([0, 3]);
    expect(run1('ConstantOfShape', [i64([])]).dims).toEqual([]);
  });

  it('refuses negative dimensions', () => {
    expect(() => run1('ConstantOfShape', [i64([2, -1])])).toThrow(/negative dimension/);
  });
});

describe('Range', () => {
  it.each([
    ['float32 (spec example)', f32([], [3]), f32([], [9]), f32([], [3]), [3, 6]],
    ['negative delta (spec example)', t('int32', [], [10]), t('int32', [], [4]), t('int32', [], [-2]), [10, 8, 6]],
    ['int64, count rounded up', i64([10], []), i64([-3], []), i64([-4], []), [10n, 6n, 2n, -2n]],
    ['empty when the limit is behind', t('int16', [], [5]), t('int16', [], [1]), t('int16', [], [2]), []],
    ['float32 elements are start + i·delta', f32([], [0.5]), f32([], [1.5]), f32([], [0.25]), [0.5, 0.75, 1, 1.25]],
  ])('%s', (_n, start, limit, delta, expected) => {
    const y = run1('Range', [start, limit, delta]);
    expect(y.dims).toEqual([expected.length]);
    expect(data(y)).toEqual(expected);
  });

  it('refuses a zero delta', () => {
    expect(() => run1('Range', [f32([], [0]), f32([], [1]), f32([], [0])])).toThrow(/delta must not be 0/);
  });
});

describe('Shape / Size', () => {
  const x = Tensor.zeros('float32', [2, 3, 4]);
  it.each([
    [{}, [2n, 3n, 4n]],
    [{ start: 1 }, [3n, 4n]],
    [{ end: 1 }, [2n]],
    [{ start: -1 }, [4n]],
    [{ start: 1, end: -1 }, [3n]],
    [{ start: -10 }, [2n, 3n, 4n]],
    [{ start: 2, end: 1 }, []],
  ] as [Record<string, number>, bigint[]][])('Shape %j', (attrs, expected) => {
    const y = run1('Shape', [x], attrs, 15);
    expect(y.elemType).toBe('int64');
    expect(data(y)).toEqual(expected);
  });

  it('Size is an int64 scalar', () => {
    const y = run1('Size', [x]);
    expect(y.dims).toEqual([]);
    expect(data(y)).toEqual([24n]);
  });
});
