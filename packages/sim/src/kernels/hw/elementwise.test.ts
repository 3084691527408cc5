import { DataType, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { runHw, values } from './hw.test-support';

const f = (dims: number[], v: number[]) => Tensor.float32(dims, v);
const a = f([2, 2], [1, 2, 3, 4]);

describe('ElementwiseAdd / ElementwiseMul kernels', () => {
  it.each([
    ['ElementwiseAdd', f([2, 2], [10, 20, 30, 40]), [11, 22, 33, 44]],
    ['ElementwiseMul', f([2, 2], [10, 20, 30, 40]), [10, 40, 90, 160]],
  ] as const)('%s of two streams', (op, b, expected) => {
    const [y] = runHw(op, [a, b], { channels: 2 }, { dataTypes: { outputs: [DataType.int(9)] } });
    expect(y.dims).toEqual([2, 2]);
    expect(values(y)).toEqual(expected);
  });

  it.each([
    // per channel [5, -1]: channel 0 gets +5 / ·5, channel 1 gets -1
    ['ElementwiseAdd', [5, -1], [6, 1, 8, 3]],
    ['ElementwiseMul', [5, -1], [5, -2, 15, -4]],
    // scalar [3]
    ['ElementwiseAdd', [3], [4, 5, 6, 7]],
    ['ElementwiseMul', [3], [3, 6, 9, 12]],
  ] as const)('%s with a constant %j', (op, p, expected) => {
    expect(values(runHw(op, [a, { constant: f([p.length], [...p]) }], { channels: 2 })[0])).toEqual(expected);
  });

  it('names the node when b has an unusable shape', () => {
    expect(() => runHw('ElementwiseAdd', [a, { constant: f([3], [1, 2, 3]) }], { channels: 2 }, { name: 'add_c' })).toThrow(
      /add_c.*input b .* shape \[3\], expected the shape of a \[2, 2\], \[2\] or \[1\]/,
    );
  });

  it('names the node when the channel count is wrong', () => {
    expect(() => runHw('ElementwiseMul', [a, a], { channels: 4 }, { name: 'mul_fc' })).toThrow(/mul_fc.*channels = 4/);
  });
});
