import { Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { runOp, values } from './run-op.test-support';

const f = (dims: number[], v: number[]) => Tensor.float32(dims, v);
const seq = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

// Hand-worked expectations.
const cases: { name: string; x: Tensor; attrs: Record<string, any>; dims: number[]; y: number[] }[] = [
  { name: '2-D 2x2 stride 2', x: f([1, 1, 4, 4], seq(16)), attrs: { kernel_shape: [2, 2], strides: [2, 2] }, dims: [1, 1, 2, 2], y: [6, 8, 14, 16] },
  // windows [5,1] [2,4] -> floor mode drops the lone 3
  { name: 'floor mode', x: f([1, 1, 5], [1, 5, 2, 4, 3]), attrs: { kernel_shape: [2], strides: [2] }, dims: [1, 1, 2], y: [5, 4] },
  { name: 'ceil_mode keeps the partial window', x: f([1, 1, 5], [1, 5, 2, 4, 3]), attrs: { kernel_shape: [2], strides: [2], ceil_mode: 1 }, dims: [1, 1, 3], y: [5, 4, 3] },
  // ceil((2-1)/2)+1 = 2 windows, but the second would start at 2 = past the input: dropped
  { name: 'ceil_mode drops a window starting past the input', x: f([1, 1, 2], [7, 9]), attrs: { kernel_shape: [1], strides: [2], ceil_mode: 1 }, dims: [1, 1, 1], y: [7] },
  // windows (0,2) (1,3) (2,4)
  { name: 'dilation 2', x: f([1, 1, 5], [5, 1, 3, 9, 2]), attrs: { kernel_shape: [2], dilations: [2] }, dims: [1, 1, 3], y: [5, 9, 3] },
  // padding never wins, even against negative values
  { name: 'pads are ignored, not zeros', x: f([1, 1, 3], [-1, -2, -3]), attrs: { kernel_shape: [3], pads: [1, 1] }, dims: [1, 1, 3], y: [-1, -1, -2] },
  { name: 'SAME_UPPER', x: f([1, 1, 4], [1, 3, 2, 4]), attrs: { kernel_shape: [2], auto_pad: 'SAME_UPPER' }, dims: [1, 1, 4], y: [3, 3, 4, 4] },
  { name: 'SAME_LOWER', x: f([1, 1, 4], [1, 3, 2, 4]), attrs: { kernel_shape: [2], auto_pad: 'SAME_LOWER' }, dims: [1, 1, 4], y: [1, 3, 3, 4] },
  { name: '3-D', x: f([1, 1, 2, 2, 2], [3, 8, 1, 2, 7, 4, 5, 6]), attrs: { kernel_shape: [2, 2, 2] }, dims: [1, 1, 1, 1, 1], y: [8] },
];

describe('MaxPool', () => {
  it.each(cases)('$name', ({ x, attrs, dims, y }) => {
    const [out] = runOp('MaxPool', [x], attrs);
    expect(out.dims).toEqual(dims);
    expect(values(out)).toEqual(y);
  });

  it('outputs Indices: flat offsets into X, including batch and channel', () => {
    const x = f([1, 2, 4, 4], [...seq(16), ...seq(16).map((v) => -v)]);
    const [y, idx] = runOp('MaxPool', [x], { kernel_shape: [2, 2], strides: [2, 2] }, { outputs: 2 });
    expect(values(y)).toEqual([6, 8, 14, 16, -1, -3, -9, -11]);
    expect(idx.elemType).toBe('int64');
    // channel 0: 6 at (1,1) -> 5, 8 at (1,3) -> 7 ...; channel 1 adds 16: -1 at (0,0), -3 at (0,2), -9 at (2,0), -11 at (2,2)
    expect(values(idx)).toEqual([5, 7, 13, 15, 16, 18, 24, 26]);
  });

  it('storage_order 1 gives column-major spatial offsets', () => {
    const [, idx] = runOp('MaxPool', [f([1, 1, 4, 4], seq(16))], { kernel_shape: [2, 2], strides: [2, 2], storage_order: 1 }, { outputs: 2 });
    // (1,1) -> 1 + 1*4, (1,3) -> 1 + 3*4, (3,1) -> 3 + 1*4, (3,3) -> 3 + 3*4
    expect(values(idx)).toEqual([5, 13, 7, 15]);
  });

  it('takes the first maximum on ties', () => {
    const [, idx] = runOp('MaxPool', [f([1, 1, 3], [2, 2, 2])], { kernel_shape: [2] }, { outputs: 2 });
    expect(values(idx)).toEqual([0, 1]);
  });

  it('pools int8 (opset 12+)', () => {
    const [out] = runOp('MaxPool', [new Tensor('int8', [1, 1, 4], Int8Array.from([-128, -5, 127, 3]))], { kernel_shape: [2], strides: [2] });
    expect(out.elemType).toBe('int8');
    expect(values(out)).toEqual([-5, 127]);
  });
});

