import { describe, expect, it } from 'vitest';
import type { Dim } from '../../graph/value-type';
import { f32, inferNode, inferShape, typed } from './testing';

describe('numpy broadcasting (Add, opset 17)', () => {
  // Expected shapes worked out by hand from the ONNX broadcasting rules: align on the right,
  // a 1 stretches, equal sizes stay, a known size beats an unknown one (which must be 1 or equal).
  const cases: [Dim[], Dim[], Dim[]][] = [
    [[2, 3, 4], [4], [2, 3, 4]],
    [[2, 3, 4], [], [2, 3, 4]],
    [[2, 1, 4], [3, 1], [2, 3, 4]],
    [[1], [5, 1, 7], [5, 1, 7]],
    [[8, 1, 6, 1], [7, 1, 5], [8, 7, 6, 5]],
    [['N', 1], [1, 5], ['N', 5]],
    [['N', 3], ['N', 3], ['N', 3]],
    [['N', 3], ['M', 3], [null, 3]],
    [['N', 3], [null, 3], [null, 3]],
    [[null, 4], [3, 1], [3, 4]],
    [[0, 3], [1, 3], [0, 3]],
  ];
  it.each(cases)('%j + %j → %j', (a, b, out) => {
    expect(inferShape('Add', [f32(a), f32(b)])).toEqual(out);
  });

  it('keeps the element type and leaves the shape unknown when a rank is unknown', () => {
    expect(inferNode('Mul', [typed('int32', [2]), typed('int32')])[0]).toEqual({ kind: 'tensor', elemType: 'int32' });
  });

  it.each([
    ['Add', [2, 3], [4]],
    ['Sub', [5], [4]],
    ['Pow', [2, 3], [2]],
    ['Equal', [2, 2], [3, 2]],
  ] as const)('%s rejects %j against %j', (op, a, b) => {
    expect(() => inferNode(op, [f32([...a]), f32([...b])])).toThrow(/node 'n0' \(\w+\).*cannot be broadcast/);
  });

  it('rejects mixed element types', () => {
    expect(() => inferNode('Add', [f32([2]), typed('int64', [2])])).toThrow(/'n0' \(Add\).*float32 and int64 differ/);
  });
});

describe('comparisons and logic give bool', () => {
  it.each(['Equal', 'Greater', 'Less', 'GreaterOrEqual', 'LessOrEqual'])('%s', (op) => {
    expect(inferNode(op, [f32([3, 1]), f32([4])])[0]).toEqual({ kind: 'tensor', elemType: 'bool', shape: [3, 4] });
  });
  it.each(['And', 'Or', 'Xor'])('%s', (op) => {
    expect(inferNode(op, [typed('bool', [2, 1, 3]), typed('bool', [5, 1])])[0]).toEqual({ kind: 'tensor', elemType: 'bool', shape: [2, 5, 3] });
  });
  it('Not keeps the shape', () => {
    expect(inferNode('Not', [typed('bool', [7])])[0]).toEqual({ kind: 'tensor', elemType: 'bool', shape: [7] });
  });
});

describe('legacy broadcasting (opset 6)', () => {
  it('broadcast = 1: the output has A’s shape', () => {
    expect(inferShape('Add', [f32([2, 3, 4, 5]), f32([3, 4])], { broadcast: 1, axis: 1 }, { opset: 6 })).toEqual([2, 3, 4, 5]);
    expect(inferShape('Mul', [f32([2, 3, 4, 5]), f32([5])], { broadcast: 1 }, { opset: 6 })).toEqual([2, 3, 4, 5]);
  });
  it('broadcast = 0: the shapes must be equal', () => {
    expect(inferShape('Add', [f32([2, 'N']), f32([null, 3])], {}, { opset: 6 })).toEqual([2, 3]);
    expect(() => inferShape('Add', [f32([2, 3]), f32([3])], {}, { opset: 6 })).toThrow(/'n0' \(Add\).*differ/);
  });
  it('Equal at opset 6 is the legacy op giving bool', () => {
    expect(inferNode('Equal', [f32([4, 2]), f32([2])], { broadcast: 1 }, { opset: 6 })[0]).toEqual({ kind: 'tensor', elemType: 'bool', shape: [4, 2] });
  });
});

describe('Pow', () => {
  it('takes the base type from opset 12', () => {
    expect(inferNode('Pow', [f32([2, 3]), typed('int64', [3])], {}, { opset: 13 })[0]).toEqual({ kind: 'tensor', elemType: 'float32', shape: [2, 3] });
  });
  it('requires equal types before 12', () => {
    expect(() => inferNode('Pow', [f32([2, 3]), typed('int64', [3])], {}, { opset: 11 })).toThrow(/differ/);
  });
});

describe('variadic ops', () => {
  it.each(['Max', 'Min', 'Sum', 'Mean'])('%s broadcasts from opset 8', (op) => {
    expect(inferShape(op, [f32([3, 1]), f32([1, 4]), f32([4])], {}, { opset: 13 })).toEqual([3, 4]);
  });
  it('opset 6 needs equal shapes', () => {
    expect(inferShape('Max', [f32([3, 'N']), f32([null, 4])], {}, { opset: 6 })).toEqual([3, 4]);
    expect(() => inferShape('Sum', [f32([3, 1]), f32([3, 4])], {}, { opset: 6 })).toThrow(/'n0' \(Sum\).*expected equal shapes/);
  });
});

describe('unary ops keep type and shape', () => {
  const ops = ['Neg', 'Abs', 'Sqrt', 'Exp', 'Log', 'Reciprocal', 'Ceil', 'Floor', 'Round', 'Sign', 'Relu', 'LeakyRelu', 'Sigmoid', 'HardSigmoid', 'Tanh', 'Softplus', 'Erf', 'Identity'];
  it.each(ops)('%s', (op) => {
    expect(inferNode(op, [f32(['B', 3])])[0]).toEqual({ kind: 'tensor', elemType: 'float32', shape: ['B', 3] });
  });
  it('Clip with scalar bounds (opset 11) and attribute bounds (opset 6)', () => {
    expect(inferShape('Clip', [f32([2, 2]), f32([]), f32([])], {}, { opset: 13 })).toEqual([2, 2]);
    expect(inferShape('Clip', [f32([2, 2])], { min: -1.5, max: 1.5 }, { opset: 6 })).toEqual([2, 2]);
    expect(() => inferShape('Clip', [f32([2, 2]), f32([2]), undefined], {}, { opset: 13 })).toThrow(/Clip.*scalar/);
  });
});

describe('Where', () => {
  it('broadcasts condition, x and y together and takes x’s type', () => {
    expect(inferNode('Where', [typed('bool', [2, 1, 1]), typed('int64', [3, 1]), typed('int64', [1, 4])])[0]).toEqual({
      kind: 'tensor',
      elemType: 'int64',
      shape: [2, 3, 4],
    });
  });
  it('needs a bool condition', () => {
    expect(() => inferNode('Where', [f32([2]), f32([2]), f32([2])])).toThrow(/Where: condition is float32, expected bool/);
  });
});

describe('Cast and CastLike', () => {
  it('Cast takes `to` (TensorProto code)', () => {
    expect(inferNode('Cast', [f32([2, 'N'])], { to: 7 })[0]).toEqual({ kind: 'tensor', elemType: 'int64', shape: [2, 'N'] });
    expect(inferNode('Cast', [typed('int8', [1])], { to: 9 })[0]).toEqual({ kind: 'tensor', elemType: 'bool', shape: [1] });
    expect(() => inferNode('Cast', [f32([1])], { to: 99 })).toThrow(/'to' = 99/);
  });
  it('CastLike takes the second input’s type', () => {
    expect(inferNode('CastLike', [f32([5]), typed('float16', [])])[0]).toEqual({ kind: 'tensor', elemType: 'float16', shape: [5] });
  });
});

describe('Dropout (inference)', () => {
  it('passes the input through; the mask is bool from opset 10', () => {
    const [y, mask] = inferNode('Dropout', [f32([4, 5])], {}, { outputCount: 2, opset: 13 });
    expect(y).toEqual({ kind: 'tensor', elemType: 'float32', shape: [4, 5] });
    expect(mask).toEqual({ kind: 'tensor', elemType: 'bool', shape: [4, 5] });
  });
});
