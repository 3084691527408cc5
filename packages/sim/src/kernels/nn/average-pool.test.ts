import { Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { runOp, values } from './run-op.test-support';

const f = (dims: number[], v: number[]) => Tensor.float32(dims, v);
const seq = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

// Hand-worked expectations.
describe('AveragePool', () => {
  const avg: { name: string; x: Tensor; attrs: Record<string, any>; y: number[] }[] = [
    { name: '2-D', x: f([1, 1, 2, 2], [1, 2, 3, 4]), attrs: { kernel_shape: [2, 2] }, y: [2.5] },
    // [p,1,2] [1,2,3] [2,3,p]
    { name: 'pads, count_include_pad 0', x: f([1, 1, 3], [1, 2, 3]), attrs: { kernel_shape: [3], pads: [1, 1] }, y: [1.5, 2, 2.5] },
    { name: 'pads, count_include_pad 1', x: f([1, 1, 3], [1, 2, 3]), attrs: { kernel_shape: [3], pads: [1, 1], count_include_pad: 1 }, y: [1, 2, 5 / 3] },
    // [1,2] [3,4] [5,·]: the point past the input is not counted
    { name: 'ceil_mode', x: f([1, 1, 5], seq(5)), attrs: { kernel_shape: [2], strides: [2], ceil_mode: 1 }, y: [1.5, 3.5, 5] },
    { name: 'ceil_mode with count_include_pad', x: f([1, 1, 5], seq(5)), attrs: { kernel_shape: [2], strides: [2], ceil_mode: 1, count_include_pad: 1 }, y: [1.5, 3.5, 5] },
    // windows start at -1, 1, 3: [p,1,2] [2,3,4] [4,p,beyond]; the pad counts, the point beyond it never does
    { name: 'ceil_mode, pads, count_include_pad 1', x: f([1, 1, 4], seq(4)), attrs: { kernel_shape: [3], strides: [2], pads: [1, 1], ceil_mode: 1, count_include_pad: 1 }, y: [1, 3, 2] },
    { name: 'ceil_mode, pads, count_include_pad 0', x: f([1, 1, 4], seq(4)), attrs: { kernel_shape: [3], strides: [2], pads: [1, 1], ceil_mode: 1 }, y: [1.5, 3, 4] },
    { name: 'dilations (opset 19)', x: f([1, 1, 5], seq(5)), attrs: { kernel_shape: [2], dilations: [2] }, y: [2, 3, 4] },
    { name: 'SAME_UPPER excludes the pad', x: f([1, 1, 3], [1, 2, 3]), attrs: { kernel_shape: [2], auto_pad: 'SAME_UPPER' }, y: [1.5, 2.5, 3] },
  ];
  it.each(avg)('$name', ({ x, attrs, y }) => {
    const [out] = runOp('AveragePool', [x], attrs, { opset: 19 });
    expect(values(out)).toEqual(Array.from(Float32Array.from(y)));
  });
});
