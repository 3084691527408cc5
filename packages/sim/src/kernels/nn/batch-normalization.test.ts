import { attr, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { runOp, values } from './run-op.test-support';

const f = (dims: number[], v: number[]) => Tensor.float32(dims, v);
const eps0 = { epsilon: attr.float(0) };

describe('BatchNormalization', () => {
  // channel 0: 2·(x − 2)/2 + 0 on [1, 3]; channel 1: 1·(x − 3)/1 + 1 on [2, 4]
  const X = f([1, 2, 1, 2], [1, 3, 2, 4]);
  const params = [f([2], [2, 1]), f([2], [0, 1]), f([2], [2, 3]), f([2], [4, 1])];

  it.each([6, 7, 9, 14, 15])('inference, opset %i', (opset) => {
    const [y] = runOp('BatchNormalization', [X, ...params], eps0, { opset });
    expect(y.dims).toEqual([1, 2, 1, 2]);
    expect(values(y)).toEqual([-1, 1, 0, 2]);
  });

  it('applies epsilon inside the square root', () => {
    // (x − 0)/sqrt(0 + 0.25) = 2x
    const [y] = runOp('BatchNormalization', [f([1, 1], [3]), f([1], [1]), f([1], [0]), f([1], [0]), f([1], [0])], { epsilon: attr.float(0.25) });
    expect(values(y)).toEqual([6]);
  });

  it('spatial = 0 (opset 7): per-activation parameters [C, D]', () => {
    // X [N=1, C=2, D=2]; scale per activation, mean 0, var 1, B 0: Y = scale · X
    const x = f([1, 2, 2], [1, 2, 3, 4]);
    const scale = f([2, 2], [1, 10, 100, 1000]);
    const zero = f([2, 2], [0, 0, 0, 0]);
    const one = f([2, 2], [1, 1, 1, 1]);
    const [y] = runOp('BatchNormalization', [x, scale, zero, zero, one], { ...eps0, spatial: 0 }, { opset: 7 });
    expect(values(y)).toEqual([1, 20, 300, 4000]);
  });

  it('training_mode (opset 15): batch statistics and running averages', () => {
    // N = 2, C = 1, values [1, 3]: batch mean 2, population variance 1 -> Y = [-1, 1]
    // running_mean = 0·0.9 + 2·0.1 = 0.2; running_var = 1·0.9 + 1·0.1 = 1
    const [y, rm, rv] = runOp('BatchNormalization', [f([2, 1], [1, 3]), f([1], [1]), f([1], [0]), f([1], [0]), f([1], [1])], { ...eps0, training_mode: 1 }, { opset: 15, outputs: 3 });
    expect(values(y)).toEqual([-1, 1]);
    expect(values(rm)).toEqual([Math.fround(0.2)]);
    expect(values(rv)).toEqual([1]);
  });

  it('rejects parameters of the wrong size', () => {
    expect(() => runOp('BatchNormalization', [X, f([3], [1, 1, 1]), ...params.slice(1)])).toThrow(/scale has shape \[3\], expected 2 values/);
  });
});
