import { describe, expect, it } from 'vitest';
import type { AttributeInput } from '../../graph/attribute';
import type { Dim } from '../../graph/value-type';
import { f32, inferNode, inferShape } from './testing';

// Output sizes worked out by hand: NOTSET/VALID floor((d + pads - ((k - 1)·dil + 1)) / s) + 1
// (ceil with ceil_mode, dropping a last window that starts in the end padding), SAME_* ceil(d / s).
describe('Conv output shapes', () => {
  const cases: [string, Dim[], Dim[], Record<string, AttributeInput>, Dim[]][] = [
    ['same-size padding', [1, 1, 5, 5], [1, 1, 3, 3], { pads: [1, 1, 1, 1] }, [1, 1, 5, 5]],
    ['strides + padding', [1, 1, 7, 5], [1, 1, 3, 3], { pads: [1, 1, 1, 1], strides: [2, 2] }, [1, 1, 4, 3]],
    ['strides, no padding', [1, 1, 7, 5], [1, 1, 3, 3], { strides: [2, 2] }, [1, 1, 3, 2]],
    ['asymmetric pads', [1, 1, 7, 5], [1, 1, 3, 3], { pads: [1, 0, 1, 0], strides: [2, 2] }, [1, 1, 4, 2]],
    ['SAME_UPPER', [1, 1, 5, 5], [1, 1, 3, 3], { auto_pad: 'SAME_UPPER', strides: [2, 2] }, [1, 1, 3, 3]],
    ['SAME_LOWER', [1, 1, 6, 7], [1, 1, 3, 3], { auto_pad: 'SAME_LOWER', strides: [2, 3] }, [1, 1, 3, 3]],
    ['VALID ignores pads', [1, 1, 6], [1, 1, 3], { auto_pad: 'VALID', strides: [2] }, [1, 1, 2]],
    ['dilations', [1, 1, 7, 7], [1, 1, 3, 3], { dilations: [2, 2] }, [1, 1, 3, 3]],
    ['groups', [1, 4, 6, 6], [8, 2, 3, 3], { group: 2 }, [1, 8, 4, 4]],
    ['1-D', [2, 3, 10], [5, 3, 4], { strides: [3], pads: [1, 2] }, [2, 5, 4]],
    ['3-D', [1, 2, 4, 5, 6], [3, 2, 2, 2, 2], {}, [1, 3, 3, 4, 5]],
    ['symbolic batch and size-keeping spatial', ['N', 3, 'H', 'W'], [16, 3, 3, 3], { pads: [1, 1, 1, 1] }, ['N', 16, 'H', 'W']],
    ['symbolic spatial with a stride', ['N', 3, 'H', 8], [16, 3, 3, 3], { pads: [1, 1, 1, 1], strides: [2, 2] }, ['N', 16, null, 4]],
    ['kernel_shape attribute', [1, 1, 5, 5], [1, 1, 2, 2], { kernel_shape: [2, 2] }, [1, 1, 4, 4]],
  ];
  it.each(cases)('%s', (_, x, w, attrs, out) => {
    expect(inferShape('Conv', [f32(x), f32(w)], attrs)).toEqual(out);
  });
  it('checks channels, bias and kernel_shape', () => {
    expect(() => inferShape('Conv', [f32([1, 3, 5, 5]), f32([4, 2, 3, 3])])).toThrow(/'n0' \(Conv\).*3 channels but the weights expect 2 × group 1 = 2/);
    expect(() => inferShape('Conv', [f32([1, 3, 5, 5]), f32([4, 3, 3, 3]), f32([5])])).toThrow(/bias has shape \[5\], expected \[4\]/);
    expect(() => inferShape('Conv', [f32([1, 1, 5, 5]), f32([1, 1, 3, 3])], { kernel_shape: [2, 2] })).toThrow(/kernel_shape/);
    expect(() => inferShape('Conv', [f32([1, 1, 2, 2]), f32([1, 1, 3, 3])])).toThrow(/larger than spatial axis 0/);
  });
});

describe('MaxPool / AveragePool output shapes', () => {
  const cases: [string, string, number, Dim[], Record<string, AttributeInput>, Dim[]][] = [
    ['2×2 stride 2', 'MaxPool', 17, [1, 3, 32, 32], { kernel_shape: [2, 2], strides: [2, 2] }, [1, 3, 16, 16]],
    ['pads', 'MaxPool', 17, [1, 3, 28, 28], { kernel_shape: [3, 3], pads: [2, 2, 2, 2] }, [1, 3, 30, 30]],
    ['ceil_mode rounds up', 'MaxPool', 17, [1, 1, 4, 4], { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 }, [1, 1, 2, 2]],
    ['floor mode', 'MaxPool', 17, [1, 1, 4, 4], { kernel_shape: [3, 3], strides: [2, 2] }, [1, 1, 1, 1]],
    ['ceil_mode drops a window starting in the padding', 'MaxPool', 17, [1, 1, 2, 2], { kernel_shape: [1, 1], strides: [2, 2], ceil_mode: 1 }, [1, 1, 1, 1]],
    ['ceil_mode with pads: the 4th window would start in the end padding', 'MaxPool', 17, [1, 1, 5], { kernel_shape: [2], strides: [2], pads: [1, 1], ceil_mode: 1 }, [1, 1, 3]],
    ['ceil_mode with pads, kept last window', 'MaxPool', 17, [1, 1, 6], { kernel_shape: [2], strides: [2], pads: [1, 1], ceil_mode: 1 }, [1, 1, 4]],
    ['dilations', 'MaxPool', 17, [1, 1, 4, 4], { kernel_shape: [2, 2], dilations: [2, 2] }, [1, 1, 2, 2]],
    ['SAME_UPPER', 'MaxPool', 17, [1, 3, 5, 5], { kernel_shape: [3, 3], strides: [2, 2], auto_pad: 'SAME_UPPER' }, [1, 3, 3, 3]],
    ['SAME_LOWER', 'AveragePool', 17, [1, 3, 32, 32], { kernel_shape: [2, 2], auto_pad: 'SAME_LOWER' }, [1, 3, 32, 32]],
    ['VALID', 'AveragePool', 17, [1, 3, 32, 32], { kernel_shape: [5, 5], strides: [3, 3], auto_pad: 'VALID' }, [1, 3, 10, 10]],
    ['AveragePool ceil_mode', 'AveragePool', 17, [1, 1, 4, 4], { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 }, [1, 1, 2, 2]],
    ['AveragePool dilations (19)', 'AveragePool', 19, [1, 1, 5, 5], { kernel_shape: [2, 2], dilations: [2, 2] }, [1, 1, 3, 3]],
    ['symbolic', 'MaxPool', 17, ['N', 3, 'H', 'W'], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }, ['N', 3, 'H', 'W']],
    ['opset 1', 'MaxPool', 1, [1, 1, 6, 6], { kernel_shape: [2, 2], strides: [2, 2] }, [1, 1, 3, 3]],
  ];
  it.each(cases)('%s', (_, op, opset, x, attrs, out) => {
    expect(inferShape(op, [f32(x)], attrs, { opset })).toEqual(out);
  });
  it('MaxPool Indices are int64 with the output shape', () => {
    const [, idx] = inferNode('MaxPool', [f32([1, 1, 4, 4])], { kernel_shape: [2, 2], strides: [2, 2] }, { outputCount: 2 });
    expect(idx).toEqual({ kind: 'tensor', elemType: 'int64', shape: [1, 1, 2, 2] });
  });
  it('rejects a kernel of the wrong rank', () => {
    expect(() => inferShape('MaxPool', [f32([1, 1, 4, 4])], { kernel_shape: [2] })).toThrow(/'n0' \(MaxPool\).*rank 4, but kernel_shape has 1 values/);
  });
  it.each(['GlobalAveragePool', 'GlobalMaxPool'])('%s keeps N and C', (op) => {
    expect(inferShape(op, [f32(['N', 8, 7, 5])])).toEqual(['N', 8, 1, 1]);
    expect(inferShape(op, [f32([2, 8, 7])])).toEqual([2, 8, 1]);
  });
});

describe('BatchNormalization', () => {
  it('Y has X’s shape; statistics outputs are [C]', () => {
    const t = inferNode('BatchNormalization', [f32(['N', 3, 4, 4]), f32([3]), f32([3]), f32([3]), f32([3])], {}, { outputCount: 3, opset: 15 });
    expect(t.map((x) => (x?.kind === 'tensor' ? x.shape : undefined))).toEqual([['N', 3, 4, 4], [3], [3]]);
  });
  it('checks the parameter shapes', () => {
    expect(() => inferNode('BatchNormalization', [f32([2, 3, 4]), f32([4]), f32([3]), f32([3]), f32([3])])).toThrow(/scale has shape \[4\], expected \[3\]/);
  });
});
