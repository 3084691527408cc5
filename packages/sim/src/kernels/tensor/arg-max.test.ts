import { describe, expect, it } from 'vitest';
import { data, f32, i64, run1 } from '../elementwise/run-op.test-support';

// spec examples: [[2, 1], [3, 10]] and, for ties, [[2, 2], [3, 10]]
const x = f32([2, 2], [2, 1, 3, 10]);
const ties = f32([2, 2], [2, 2, 3, 10]);

describe('ArgMax / ArgMin', () => {
  it.each([
    ['ArgMax', x, {}, [1, 2], [1n, 1n]],
    ['ArgMax', x, { axis: 1 }, [2, 1], [0n, 1n]],
    ['ArgMax', x, { axis: -1, keepdims: 0 }, [2], [0n, 1n]],
    ['ArgMax', ties, { axis: 1 }, [2, 1], [0n, 1n]],
    ['ArgMax', ties, { axis: 1, select_last_index: 1 }, [2, 1], [1n, 1n]],
    ['ArgMin', x, { axis: 1, keepdims: 0 }, [2], [1n, 0n]],
    ['ArgMin', ties, { axis: 1, keepdims: 0 }, [2], [0n, 0n]],
    ['ArgMin', ties, { axis: 1, keepdims: 0, select_last_index: 1 }, [2], [1n, 0n]],
    ['ArgMin', i64([5, -3, -3, 9]), { select_last_index: 1 }, [1], [2n]],
  ])('%s %#', (op, input, attrs, dims, expected) => {
    const y = run1(op, [input], attrs, 13);
    expect(y.elemType).toBe('int64');
    expect(y.dims).toEqual(dims);
    expect(data(y)).toEqual(expected);
  });

  it('refuses an empty axis', () => {
    expect(() => run1('ArgMax', [f32([0, 2], [])], {}, 13)).toThrow(/empty axis 0/);
  });
});
