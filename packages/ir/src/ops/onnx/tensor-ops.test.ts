import { describe, expect, it } from 'vitest';
import type { AttributeInput } from '../../graph/attribute';
import type { Dim } from '../../graph/value-type';
import { Tensor } from '../../tensor/tensor';
import { f32, i64, i64s, inferNode, inferShape, typed, type TestInput } from './testing';

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;
const big = (...v: bigint[]): Tensor => new Tensor('int64', [v.length], BigInt64Array.from(v));

describe('Reshape', () => {
  // [input shape, target, allowzero, expected]
  const cases: [Dim[], number[], number, Dim[]][] = [
    [[2, 3, 4], [4, -1], 0, [4, 6]],
    [[2, 3, 4], [0, -1], 0, [2, 12]],
    [[2, 3, 4], [-1], 0, [24]],
    [[2, 3, 4], [0, 0, 2, 2], 0, [2, 3, 2, 2]],
    [[2, 3, 4], [2, 0, -1], 0, [2, 3, 4]],
    [['N', 3, 4], [0, -1], 0, ['N', 12]],
    [['N', 3, 4], [-1, 12], 0, ['N', 12]],
    [['N', 3, 4], [3, -1], 0, [3, null]],
    [[null, 3, 4], [0, 12], 0, [null, 12]],
    [[null, 3, 4], [0, -1], 0, [null, 12]],
    [[0, 3], [0, 3], 1, [0, 3]],
    [[0, 3], [3, 0], 1, [3, 0]],
  ];
  it.each(cases)('%j to %j (allowzero %i) → %j', (x, shape, allowzero, out) => {
    expect(inferShape('Reshape', [f32(x), i64(...shape)], allowzero ? { allowzero } : {}, { opset: 14 })).toEqual(out);
  });
  it('an unknown shape input gives the rank from its length', () => {
    expect(inferShape('Reshape', [f32([2, 3]), typed('int64', [3])])).toEqual([null, null, null]);
    expect(inferShape('Reshape', [f32([2, 3]), typed('int64', [null])])).toBeUndefined();
  });
  it.each([
    [[2, 3], [4, -1], /does not divide/],
    [[2, 3], [4, 2], /6 elements.*8 elements/],
    [[2, 3], [-1, -1], /more than one -1/],
    [[2, 3], [0, 0, 0], /copies dimension 2/],
  ] as const)('rejects %j → %j', (x, shape, msg) => {
    expect(() => inferShape('Reshape', [f32([...x]), i64(...shape)])).toThrow(msg);
  });
});

describe('Flatten', () => {
  it.each([
    [[2, 3, 4, 5], 1, [2, 60]],
    [[2, 3, 4, 5], 0, [1, 120]],
    [[2, 3, 4, 5], 4, [120, 1]],
    [[2, 3, 4, 5], -2, [6, 20]],
    [['N', 3, 4], 1, ['N', 12]],
    [['N', 3, 4], 2, [null, 4]],
  ] as const)('%j axis %i → %j', (x, axis, out) => {
    expect(inferShape('Flatten', [f32([...x])], { axis })).toEqual(out);
  });
});

describe('Transpose', () => {
  it('permutes the dimensions', () => {
    expect(inferShape('Transpose', [f32([2, 3, 'N'])], { perm: [2, 0, 1] })).toEqual(['N', 2, 3]);
    expect(inferShape('Transpose', [f32([2, 3, 4])])).toEqual([4, 3, 2]);
    expect(() => inferShape('Transpose', [f32([2, 3, 4])], { perm: [0, 0, 1] })).toThrow(/not a permutation/);
  });
});

describe('Squeeze / Unsqueeze', () => {
  it('Squeeze with axes as an attribute (11) and as an input (13)', () => {
    expect(inferShape('Squeeze', [f32([1, 3, 1, 5])], { axes: [0, -2] }, { opset: 11 })).toEqual([3, 5]);
    expect(inferShape('Squeeze', [f32([1, 3, 1, 5]), i64(2)], {}, { opset: 13 })).toEqual([1, 3, 5]);
    expect(inferShape('Squeeze', [f32([1, 3, 1, 5])], {}, { opset: 13 })).toEqual([3, 5]);
    expect(inferShape('Squeeze', [f32([1, 'N', 1])], {}, { opset: 13 })).toBeUndefined();
    expect(inferShape('Squeeze', [f32([1, 3, 1, 5]), typed('int64', [2])], {}, { opset: 13 })).toEqual([null, null]);
    expect(() => inferShape('Squeeze', [f32([2, 3]), i64(1)], {}, { opset: 13 })).toThrow(/axis 1 has size 3, expected 1/);
  });
  it('Unsqueeze inserts at output positions', () => {
    expect(inferShape('Unsqueeze', [f32([3, 4]), i64(0, 3)], {}, { opset: 13 })).toEqual([1, 3, 4, 1]);
    expect(inferShape('Unsqueeze', [f32([3, 4]), i64(-1, 1)], {}, { opset: 13 })).toEqual([3, 1, 4, 1]);
    expect(inferShape('Unsqueeze', [f32([3, 4])], { axes: [1] }, { opset: 11 })).toEqual([3, 1, 4]);
    expect(inferShape('Unsqueeze', [f32([])], { axes: [0] }, { opset: 11 })).toEqual([1]);
    expect(() => inferShape('Unsqueeze', [f32([3]), i64(0, 0)], {}, { opset: 13 })).toThrow(/repeat an axis/);
  });
});

describe('Concat', () => {
  it('adds the axis sizes and unifies the others', () => {
    expect(inferShape('Concat', [f32([2, 3]), f32([2, 5]), f32([2, 1])], { axis: 1 })).toEqual([2, 9]);
    expect(inferShape('Concat', [f32(['N', 3]), f32([null, 3])], { axis: 0 })).toEqual([null, 3]);
    expect(inferShape('Concat', [f32(['N', 3]), f32([null, 4])], { axis: -1 })).toEqual(['N', 7]);
  });
  it('rejects different ranks and mismatched dimensions', () => {
    expect(() => inferShape('Concat', [f32([2, 3]), f32([2, 3, 1])], { axis: 0 })).toThrow(/node 'n0' \(Concat\): Concat: inputs have ranks 2 and 3/);
    expect(() => inferShape('Concat', [f32([2, 3]), f32([4, 4])], { axis: 0 })).toThrow(/'n0' \(Concat\).*differ in dimension 1/);
  });
});

describe('Split', () => {
  const split = (x: Dim[], attrs: Record<string, AttributeInput>, outs: number, opset: number, sizes?: TestInput) =>
    inferNode('Split', sizes ? [f32(x), sizes] : [f32(x)], attrs, { outputCount: outs, opset }).map((t) => (t?.kind === 'tensor' ? t.shape : undefined));
  it('equal parts', () => expect(split([6, 4], { axis: 0 }, 3, 13)).toEqual([[2, 4], [2, 4], [2, 4]]));
  it('sizes as an attribute (11)', () => expect(split([2, 7], { axis: 1, split: [3, 4] }, 2, 11)).toEqual([[2, 3], [2, 4]]));
  it('sizes as an input (13)', () => expect(split([2, 7], { axis: -1 }, 2, 13, i64(5, 2))).toEqual([[2, 5], [2, 2]]));
  it('num_outputs with a smaller last chunk (18)', () => expect(split([7], { num_outputs: 3 }, 3, 18)).toEqual([[3], [3], [1]]));
  it('rejects sizes that do not add up', () => expect(() => split([2, 7], { axis: 1 }, 2, 13, i64(3, 3))).toThrow(/add up to 6, but the axis has size 7/));
  it('rejects an uneven equal split before 18', () => expect(() => split([7], {}, 2, 13)).toThrow(/does not divide/));
});

describe('Slice', () => {
  // [shape, starts, ends, axes, steps, expected] — lengths by hand from the ONNX clamping rules.
  const cases: [Dim[], Tensor, Tensor, Tensor | undefined, Tensor | undefined, Dim[]][] = [
    [[20, 10, 5], i64(0, 0), i64(3, 10), i64(0, 1), i64(1, 1), [3, 10, 5]],
    [[20, 10, 5], i64(1), i64(-1), undefined, undefined, [18, 10, 5]],
    [[20, 10, 5], i64(-1), big(INT64_MIN), i64(1), i64(-1), [20, 10, 5]],
    [[20, 10, 5], i64(20), big(INT64_MIN), i64(0), i64(-1), [20, 10, 5]],
    [[20, 10, 5], i64(9), i64(0), i64(1), i64(-2), [20, 5, 5]],
    [[20, 10, 5], i64(0), i64(10), i64(1), i64(3), [20, 4, 5]],
    [[20, 10, 5], i64(1000), i64(1000), i64(1), i64(1), [20, 0, 5]],
    [[20, 10, 5], i64(-3), big(INT64_MAX), i64(2), undefined, [20, 10, 3]],
    [['N', 10], i64(0), big(INT64_MAX), i64(0), undefined, ['N', 10]],
    [['N', 10], i64(1), big(INT64_MAX), i64(0), undefined, [null, 10]],
  ];
  it.each(cases)('%j', (x, starts, ends, axes, steps, out) => {
    const inputs: TestInput[] = [f32(x), starts, ends, axes, steps];
    while (inputs.length > 3 && inputs[inputs.length - 1] === undefined) inputs.pop();
    expect(inferShape('Slice', inputs, {}, { opset: 13 })).toEqual(out);
  });
  it('opset 1 takes attributes', () => {
    expect(inferShape('Slice', [f32([4, 6])], { starts: [1], ends: [1000], axes: [1] }, { opset: 9 })).toEqual([4, 5]);
  });
  it('unknown starts: the sliced axes lose their size', () => {
    expect(inferShape('Slice', [f32([4, 6]), typed('int64', [1]), i64(3), i64(1)], {}, { opset: 13 })).toEqual([4, null]);
  });
  it('rejects a zero step', () => {
    expect(() => inferShape('Slice', [f32([4]), i64(0), i64(3), i64(0), i64(0)], {}, { opset: 13 })).toThrow(/step for axis 0 is 0/);
  });
});

describe('Gather, Expand, Tile, Pad', () => {
  it('Gather', () => {
    expect(inferShape('Gather', [f32([5, 4, 3]), typed('int64', [2, 7])], { axis: 1 })).toEqual([5, 2, 7, 3]);
    expect(inferShape('Gather', [f32([5, 4]), i64s(1)], { axis: 0 })).toEqual([4]);
  });
  it('Expand', () => {
    expect(inferShape('Expand', [f32([3, 1]), i64(2, 1, 6)], {})).toEqual([2, 3, 6]);
    expect(inferShape('Expand', [f32([3, 1]), i64(1, 1)], {})).toEqual([3, 1]);
    expect(inferShape('Expand', [f32([3, 1]), typed('int64', [3])], {})).toEqual([null, 3, null]);
    expect(() => inferShape('Expand', [f32([3, 2]), i64(4, 4)], {})).toThrow(/cannot be broadcast/);
  });
  it('Tile', () => {
    expect(inferShape('Tile', [f32([2, 'N', 3]), i64(3, 1, 2)])).toEqual([6, 'N', 6]);
    expect(() => inferShape('Tile', [f32([2, 3]), i64(2)])).toThrow(/repeats has 1 values for an input of rank 2/);
  });
  it('Pad (attribute at 2, input at 11, axes at 18)', () => {
    expect(inferShape('Pad', [f32([1, 3, 4, 5])], { pads: [0, 0, 1, 2, 0, 0, 3, 4] }, { opset: 2 })).toEqual([1, 3, 8, 11]);
    expect(inferShape('Pad', [f32([3, 4]), i64(1, 0, 2, -1)], {}, { opset: 13 })).toEqual([6, 3]);
    expect(inferShape('Pad', [f32([2, 3, 4]), i64(1, 1, 1, 1), undefined, i64(0, -1)], {}, { opset: 18 })).toEqual([4, 3, 6]);
    expect(inferShape('Pad', [f32([3, 4]), typed('int64', [4])], {}, { opset: 13 })).toEqual([null, null]);
    expect(() => inferShape('Pad', [f32([3, 4]), i64(1, 1)], {}, { opset: 13 })).toThrow(/pads has 2 values, expected 4/);
  });
});

describe('Shape, Size, Constant, ConstantOfShape, Range', () => {
  it('Shape gives int64 [rank], or the start..end slice (15)', () => {
    expect(inferNode('Shape', [f32([2, 'N', 4])])[0]).toEqual({ kind: 'tensor', elemType: 'int64', shape: [3] });
    expect(inferShape('Shape', [f32([2, 3, 4, 5])], { start: 1, end: -1 }, { opset: 15 })).toEqual([2]);
    expect(inferShape('Shape', [f32([2, 3, 4, 5])], { start: -10 }, { opset: 15 })).toEqual([4]);
    expect(inferShape('Shape', [f32()])).toEqual([null]);
  });
  it('Size gives an int64 scalar', () => {
    expect(inferNode('Size', [f32([2, 3])])[0]).toEqual({ kind: 'tensor', elemType: 'int64', shape: [] });
  });
  it('Constant takes its attribute’s type', () => {
    expect(inferNode('Constant', [], { value: Tensor.float32([2, 2], [1, 2, 3, 4]) })[0]).toEqual({ kind: 'tensor', elemType: 'float32', shape: [2, 2] });
    expect(inferNode('Constant', [], { value_ints: [1, 2, 3] })[0]).toEqual({ kind: 'tensor', elemType: 'int64', shape: [3] });
    expect(inferNode('Constant', [], { value_float: 0.5 })[0]).toEqual({ kind: 'tensor', elemType: 'float32', shape: [] });
  });
  it('ConstantOfShape', () => {
    expect(inferNode('ConstantOfShape', [i64(2, 3)])[0]).toEqual({ kind: 'tensor', elemType: 'float32', shape: [2, 3] });
    expect(inferNode('ConstantOfShape', [i64(4)], { value: Tensor.int64([1], [7]) })[0]).toEqual({ kind: 'tensor', elemType: 'int64', shape: [4] });
    expect(inferShape('ConstantOfShape', [typed('int64', [3])])).toEqual([null, null, null]);
  });
  it('Range: max(ceil((limit - start) / delta), 0)', () => {
    expect(inferShape('Range', [Tensor.float32([], [1]), Tensor.float32([], [5]), Tensor.float32([], [1.5])])).toEqual([3]);
    expect(inferShape('Range', [i64s(10), i64s(4), i64s(-3)])).toEqual([2]);
    expect(inferShape('Range', [i64s(10), i64s(4), i64s(3)])).toEqual([0]);
    expect(inferShape('Range', [typed('int64', []), i64s(4), i64s(3)])).toEqual([null]);
  });
});
