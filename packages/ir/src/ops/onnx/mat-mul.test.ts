import { describe, expect, it } from 'vitest';
import type { AttributeInput } from '../../graph/attribute';
import type { Dim } from '../../graph/value-type';
import { f32, inferNode, inferShape, typed } from './testing';

describe('MatMul (numpy rules)', () => {
  const cases: [Dim[], Dim[], Dim[]][] = [
    [[2, 3], [3, 4], [2, 4]],
    [[3], [3, 4], [4]],
    [[2, 3], [3], [2]],
    [[3], [3], []],
    [[5, 1, 2, 3], [4, 3, 6], [5, 4, 2, 6]],
    [['B', 2, 3], [3, 4], ['B', 2, 4]],
    [['B', 'T', 8], [8, 'H'], ['B', 'T', 'H']],
    [[2, null], [7, 4], [2, 4]],
  ];
  it.each(cases)('%j × %j → %j', (a, b, out) => expect(inferShape('MatMul', [f32(a), f32(b)])).toEqual(out));

  it('names the node and the differing inner dimensions', () => {
    expect(() => inferShape('MatMul', [f32([2, 3]), f32([4, 5])])).toThrow("graph 'test', node 'n0' (MatMul): MatMul: inner dimensions 3 and 4 differ");
    expect(() => inferShape('MatMul', [f32([2, 2, 3]), f32([3, 3, 5])])).toThrow(/cannot be broadcast/);
    expect(() => inferShape('MatMul', [f32([]), f32([3])])).toThrow(/scalar/);
  });

  it('MatMulInteger accumulates into int32', () => {
    expect(inferNode('MatMulInteger', [typed('uint8', [2, 3]), typed('int8', [3, 4])])[0]).toEqual({ kind: 'tensor', elemType: 'int32', shape: [2, 4] });
  });
});

describe('Gemm', () => {
  const cases: [string, Dim[], Dim[], Dim[] | undefined, Record<string, AttributeInput>, number, Dim[]][] = [
    ['plain', [4, 3], [3, 5], [5], {}, 13, [4, 5]],
    ['transA / transB', [3, 4], [5, 3], [4, 1], { transA: 1, transB: 1 }, 13, [4, 5]],
    ['no C (11)', ['N', 3], [3, 5], undefined, {}, 11, ['N', 5]],
    ['scalar C', [4, 3], [3, 5], [], {}, 9, [4, 5]],
    ['opset 6 with broadcast', [4, 3], [3, 5], [5], { broadcast: 1 }, 6, [4, 5]],
  ];
  it.each(cases)('%s', (_, a, b, c, attrs, opset, out) => {
    expect(inferShape('Gemm', c ? [f32(a), f32(b), f32(c)] : [f32(a), f32(b)], attrs, { opset })).toEqual(out);
  });
  it('rejects bad shapes', () => {
    expect(() => inferShape('Gemm', [f32([4, 3]), f32([4, 5])])).toThrow(/Gemm: inner dimensions 3 and 4 differ/);
    expect(() => inferShape('Gemm', [f32([4, 3]), f32([3, 5]), f32([2, 5])])).toThrow(/C of shape \[2, 5\] cannot broadcast to \[4, 5\]/);
    expect(() => inferShape('Gemm', [f32([2, 4, 3]), f32([3, 5])])).toThrow(/A has rank 3, expected 2/);
    expect(() => inferShape('Gemm', [f32([4, 3]), f32([3, 5]), f32([5])], {}, { opset: 6 })).toThrow(/broadcast = 0/);
  });
});
