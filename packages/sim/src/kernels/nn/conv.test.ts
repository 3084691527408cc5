import { Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { runOp, values } from './run-op.test-support';

const f = (dims: number[], v: number[]) => Tensor.float32(dims, v);
const seq = (n: number, from = 1) => Array.from({ length: n }, (_, i) => i + from);

// Expected values worked out by hand (see the comments); none comes from the kernel.
const cases: { name: string; x: Tensor; w: Tensor; b?: Tensor; attrs?: Record<string, any>; dims: number[]; y: number[] }[] = [
  // 2x2 window sums over 1..9
  { name: '2-D, no padding', x: f([1, 1, 3, 3], seq(9)), w: f([1, 1, 2, 2], [1, 1, 1, 1]), dims: [1, 1, 2, 2], y: [12, 16, 24, 28] },
  {
    name: '2-D, pads 1 (3x3 ones)',
    x: f([1, 1, 3, 3], seq(9)),
    w: f([1, 1, 3, 3], new Array(9).fill(1)),
    attrs: { pads: [1, 1, 1, 1] },
    dims: [1, 1, 3, 3],
    y: [12, 21, 16, 27, 45, 33, 24, 39, 28],
  },
  {
    name: '2-D, pads 1, stride 2',
    x: f([1, 1, 3, 3], seq(9)),
    w: f([1, 1, 3, 3], new Array(9).fill(1)),
    attrs: { pads: [1, 1, 1, 1], strides: [2, 2] },
    dims: [1, 1, 2, 2],
    y: [12, 16, 24, 28],
  },
  // y[i] = x[i] + 10 x[i+2]
  { name: '1-D, dilation 2', x: f([1, 1, 5], seq(5)), w: f([1, 1, 2], [1, 10]), attrs: { dilations: [2] }, dims: [1, 1, 3], y: [31, 42, 53] },
  // padded [0,0,1,2,3], window [1,1]
  { name: '1-D, asymmetric pads', x: f([1, 1, 3], [1, 2, 3]), w: f([1, 1, 2], [1, 1]), attrs: { pads: [2, 0] }, dims: [1, 1, 4], y: [0, 1, 3, 5] },
  // out = ceil(4/1) = 4, one pad at the end: y[i] = x[i] + 10 x[i+1]
  { name: 'auto_pad SAME_UPPER', x: f([1, 1, 4], seq(4)), w: f([1, 1, 2], [1, 10]), attrs: { auto_pad: 'SAME_UPPER' }, dims: [1, 1, 4], y: [21, 32, 43, 4] },
  // one pad at the start: y[i] = x[i-1] + 10 x[i]
  { name: 'auto_pad SAME_LOWER', x: f([1, 1, 4], seq(4)), w: f([1, 1, 2], [1, 10]), attrs: { auto_pad: 'SAME_LOWER' }, dims: [1, 1, 4], y: [10, 21, 32, 43] },
  // out = ceil(5/2) = 3, total pad (3-1)*2+2-5 = 1 at the end: [1+2, 3+4, 5+0]
  { name: 'auto_pad SAME_UPPER, stride 2', x: f([1, 1, 5], seq(5)), w: f([1, 1, 2], [1, 1]), attrs: { auto_pad: 'SAME_UPPER', strides: [2] }, dims: [1, 1, 3], y: [3, 7, 5] },
  { name: 'auto_pad VALID, stride 2', x: f([1, 1, 5], seq(5)), w: f([1, 1, 2], [1, 1]), attrs: { auto_pad: 'VALID', strides: [2] }, dims: [1, 1, 2], y: [3, 7] },
  // channel 0 scaled by 2, channel 1 by 3, bias +1 / -1
  {
    name: 'group 2 with bias',
    x: f([1, 2, 3], [1, 2, 3, 10, 20, 30]),
    w: f([2, 1, 1], [2, 3]),
    b: f([2], [1, -1]),
    attrs: { group: 2 },
    dims: [1, 2, 3],
    y: [3, 5, 7, 29, 59, 89],
  },
  // depthwise, multiplier 2: outputs 0,1 read channel 0; outputs 2,3 read channel 1
  { name: 'depthwise with multiplier', x: f([1, 2, 2], [1, 2, 3, 4]), w: f([4, 1, 1], [1, 2, 3, 4]), attrs: { group: 2 }, dims: [1, 4, 2], y: [1, 2, 2, 4, 9, 12, 12, 16] },
  // group 0 sums channels 0 and 1 (1 + 2), group 1 takes channel 2 minus channel 3 (3 - 4)
  { name: 'groups of two channels', x: f([1, 4, 1], [1, 2, 3, 4]), w: f([2, 2, 1], [1, 1, 1, -1]), attrs: { group: 2 }, dims: [1, 2, 1], y: [3, -1] },
  // two output channels over two input channels: oc0 = c0 + c1, oc1 = c0 - c1
  { name: 'two channels in and out, batch 2', x: f([2, 2, 1], [1, 2, 5, 7]), w: f([2, 2, 1], [1, 1, 1, -1]), dims: [2, 2, 1], y: [3, -1, 12, -2] },
  { name: '3-D', x: f([1, 1, 2, 2, 2], seq(8)), w: f([1, 1, 2, 2, 2], new Array(8).fill(1)), dims: [1, 1, 1, 1, 1], y: [36] },
  { name: 'kernel_shape given', x: f([1, 1, 3], [1, 2, 3]), w: f([1, 1, 2], [1, -1]), attrs: { kernel_shape: [2] }, dims: [1, 1, 2], y: [-1, -1] },
];

describe('Conv', () => {
  it.each(cases)('$name', ({ x, w, b, attrs, dims, y }) => {
    const [out] = runOp('Conv', [x, w, b], attrs ?? {});
    expect(out.elemType).toBe('float32');
    expect(out.dims).toEqual(dims);
    expect(values(out)).toEqual(y);
  });

  it('accumulates in double and rounds once (2^24 + 1 + 1 = 2^24 + 2)', () => {
    const [out] = runOp('Conv', [f([1, 1, 3], [2 ** 24, 1, 1]), f([1, 1, 3], [1, 1, 1])]);
    expect(values(out)).toEqual([2 ** 24 + 2]);
  });

  it('computes float64 in float64', () => {
    const x = new Tensor('float64', [1, 1, 2], Float64Array.from([0.1, 0.2]));
    const [out] = runOp('Conv', [x, new Tensor('float64', [1, 1, 2], Float64Array.from([1, 1]))]);
    expect(out.elemType).toBe('float64');
    expect(values(out)).toEqual([0.1 + 0.2]);
  });

  it.each<[string, Tensor, Tensor, Record<string, number[]>, RegExp]>([
    ['channel mismatch', f([1, 3, 2], seq(6)), f([1, 2, 1], [1, 1]), {}, /expects 2 input channels/],
    ['kernel larger than the input', f([1, 1, 2], [1, 2]), f([1, 1, 3], [1, 1, 1]), {}, /smaller than the/],
    ['kernel_shape disagreeing with W', f([1, 1, 3], [1, 2, 3]), f([1, 1, 2], [1, 1]), { kernel_shape: [3] }, /kernel_shape \[3\] does not match W/],
  ])('rejects %s', (_n, x, w, attrs, msg) => {
    expect(() => runOp('Conv', [x, w], attrs)).toThrow(msg);
  });
});
