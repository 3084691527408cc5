import { describe, expect, it } from 'vitest';
import type { AttributeInput } from '../../graph/attribute';
import type { Dim } from '../../graph/value-type';
import { f32, i64, inferNode, inferShape, typed, type TestInput } from './testing';

describe('Reduce*', () => {
  // [op, opset, extra inputs, attributes, expected] for x [2, 3, 4]
  const cases: [string, number, TestInput[], Record<string, AttributeInput>, Dim[] | undefined][] = [
    ['ReduceSum', 11, [], { axes: [1] }, [2, 1, 4]],
    ['ReduceSum', 13, [i64(1)], {}, [2, 1, 4]],
    ['ReduceSum', 13, [i64(-1, 0)], { keepdims: 0 }, [3]],
    ['ReduceSum', 13, [], {}, [1, 1, 1]],
    ['ReduceSum', 13, [], { keepdims: 0 }, []],
    ['ReduceSum', 13, [i64()], { noop_with_empty_axes: 1 }, [2, 3, 4]],
    ['ReduceSum', 13, [typed('int64', [1])], {}, [null, null, null]],
    ['ReduceSum', 13, [typed('int64', [2])], { keepdims: 0 }, [null]],
    ['ReduceMean', 17, [], { axes: [2, 0] }, [1, 3, 1]],
    ['ReduceMean', 18, [i64(2, 0)], { keepdims: 0 }, [3]],
    ['ReduceMax', 13, [], { axes: [-1], keepdims: 0 }, [2, 3]],
    ['ReduceMax', 20, [i64(0)], {}, [1, 3, 4]],
    ['ReduceMin', 18, [], {}, [1, 1, 1]],
    ['ReduceProd', 18, [i64(1)], { keepdims: 0 }, [2, 4]],
  ];
  it.each(cases)('%s@%i, case %#', (op, opset, extra, attrs, out) => {
    expect(inferShape(op, [f32([2, 3, 4]), ...extra], attrs, { opset })).toEqual(out);
  });
  it('rejects an out-of-range axis', () => {
    expect(() => inferShape('ReduceSum', [f32([2, 3]), i64(2)], {}, { opset: 13 })).toThrow(/'n0' \(ReduceSum\).*axis 2 is out of range for rank 2/);
  });
});

describe('ArgMax / ArgMin', () => {
  it.each([
    ['ArgMax', { axis: 1 }, [2, 1, 4]],
    ['ArgMax', { axis: -1, keepdims: 0 }, [2, 3]],
    ['ArgMin', {}, [1, 3, 4]],
    ['ArgMin', { axis: 2, keepdims: 0, select_last_index: 1 }, [2, 3]],
  ] as const)('%s %j → int64 %j', (op, attrs, out) => {
    expect(inferNode(op, [f32([2, 3, 4])], { ...attrs })[0]).toEqual({ kind: 'tensor', elemType: 'int64', shape: out });
  });
});

describe('Softmax / LogSoftmax', () => {
  it('keep the shape and check the axis', () => {
    expect(inferShape('Softmax', [f32([2, 3])], {}, { opset: 13 })).toEqual([2, 3]);
    expect(inferShape('LogSoftmax', [f32([2, 3])], { axis: 2 }, { opset: 11 })).toEqual([2, 3]);
    expect(() => inferShape('Softmax', [f32([2, 3])], { axis: 2 }, { opset: 13 })).toThrow(/Softmax: axis 2 is out of range for rank 2/);
  });
});
