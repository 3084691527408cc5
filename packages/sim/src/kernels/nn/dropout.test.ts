import { Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { runOp, values } from './run-op.test-support';

const X = Tensor.float32([2, 2], [1, -2, 3, 4]);

describe('Dropout (inference)', () => {
  it.each([7, 10, 12, 13, 22])('is the identity at opset %i', (opset) => {
    const [y] = runOp('Dropout', [X], {}, { opset });
    expect(values(y)).toEqual([1, -2, 3, 4]);
  });

  it('outputs an all-true bool mask (opset 10+)', () => {
    const [, mask] = runOp('Dropout', [X], {}, { opset: 13, outputs: 2 });
    expect(mask.elemType).toBe('bool');
    expect(values(mask)).toEqual([1, 1, 1, 1]);
  });

  it('outputs a mask of ones of the input type before opset 10', () => {
    const [, mask] = runOp('Dropout', [X], {}, { opset: 7, outputs: 2 });
    expect(mask.elemType).toBe('float32');
    expect(values(mask)).toEqual([1, 1, 1, 1]);
  });

  const bool = (v: boolean) => new Tensor('bool', [], Uint8Array.from([v ? 1 : 0]));
  it('accepts training_mode with ratio 0 and inference with any ratio (opset 12+)', () => {
    expect(values(runOp('Dropout', [X, Tensor.float32([], [0]), bool(true)], {}, { opset: 13 })[0])).toEqual([1, -2, 3, 4]);
    expect(values(runOp('Dropout', [X, Tensor.float32([], [0.7]), bool(false)], {}, { opset: 13 })[0])).toEqual([1, -2, 3, 4]);
  });

  it('refuses random dropout in training mode', () => {
    expect(() => runOp('Dropout', [X, Tensor.float32([], [0.5]), bool(true)], {}, { opset: 13 })).toThrow(/training_mode is true with ratio 0.5/);
  });
});
