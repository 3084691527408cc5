import { describe, expect, it } from 'vitest';
import type { AttributeInput } from '../../graph/attribute';
import type { Dim } from '../../graph/value-type';
import { f32, inferNode, type TestInput } from './testing';

const shapes = (op: string, inputs: TestInput[], attrs: Record<string, AttributeInput>, outs: number, opset = 14) =>
  inferNode(op, inputs, attrs, { outputCount: outs, opset }).map((t) => (t?.kind === 'tensor' ? t.shape : undefined));

describe('LSTM / GRU / RNN', () => {
  // seq 7, batch 3, input 5, hidden 6: LSTM has 4 gates (W [dirs, 24, 5]), GRU 3 (18), RNN 1 (6).
  const cases: [string, string, TestInput[], Record<string, AttributeInput>, number, Dim[][]][] = [
    ['LSTM bidirectional, layout 0', 'LSTM', [f32([7, 3, 5]), f32([2, 24, 5]), f32([2, 24, 6])], { direction: 'bidirectional', hidden_size: 6 }, 3, [[7, 2, 3, 6], [2, 3, 6], [2, 3, 6]]],
    ['LSTM bidirectional, layout 1', 'LSTM', [f32([3, 7, 5]), f32([2, 24, 5]), f32([2, 24, 6])], { direction: 'bidirectional', hidden_size: 6, layout: 1 }, 3, [[3, 7, 2, 6], [3, 2, 6], [3, 2, 6]]],
    ['LSTM forward, hidden size from R', 'LSTM', [f32(['T', 'B', 5]), f32([1, 24, 5]), f32([1, 24, 6])], {}, 3, [['T', 1, 'B', 6], [1, 'B', 6], [1, 'B', 6]]],
    ['LSTM reverse with bias and initial state', 'LSTM', [f32([7, null, 5]), f32([1, 24, 5]), f32([1, 24, 6]), f32([1, 48]), undefined, f32([1, 3, 6])], { direction: 'reverse' }, 3, [[7, 1, 3, 6], [1, 3, 6], [1, 3, 6]]],
    ['GRU forward', 'GRU', [f32([7, 3, 5]), f32([1, 18, 5]), f32([1, 18, 6])], { hidden_size: 6 }, 2, [[7, 1, 3, 6], [1, 3, 6]]],
    ['GRU layout 1', 'GRU', [f32([3, 7, 5]), f32([2, 18, 5]), f32([2, 18, 6])], { direction: 'bidirectional', layout: 1 }, 2, [[3, 7, 2, 6], [3, 2, 6]]],
    ['RNN, hidden size from W only', 'RNN', [f32([7, 3, 5]), f32([1, 6, 5]), f32([1, 6, null])], {}, 2, [[7, 1, 3, 6], [1, 3, 6]]],
  ];
  it.each(cases)('%s', (_, op, inputs, attrs, outs, expected) => {
    expect(shapes(op, inputs, attrs, outs)).toEqual(expected);
  });
  it('opset 7 has no layout attribute (always sequence-first)', () => {
    expect(shapes('LSTM', [f32([7, 3, 5]), f32([1, 24, 5]), f32([1, 24, 6])], {}, 3, 7)).toEqual([[7, 1, 3, 6], [1, 3, 6], [1, 3, 6]]);
  });
  it('checks the weight shapes', () => {
    expect(() => shapes('LSTM', [f32([7, 3, 5]), f32([1, 24, 5]), f32([1, 24, 6])], { direction: 'bidirectional' }, 3)).toThrow(/'n0' \(LSTM\).*W dimension 0 \(directions\) is 1, expected 2/);
    expect(() => shapes('GRU', [f32([7, 3, 5]), f32([1, 24, 5]), f32([1, 24, 6])], { hidden_size: 6 }, 2)).toThrow(/W dimension 1 \(3 × hidden_size\) is 24, expected 18/);
    expect(() => shapes('RNN', [f32([7, 3, 4]), f32([1, 6, 5]), f32([1, 6, 6])], {}, 2)).toThrow(/W dimension 2 \(input size\) is 5, expected 4/);
  });
});
