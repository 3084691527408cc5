import { DataType, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { runHw, values } from './hw.test-support';

const f = (dims: number[], v: number[]) => Tensor.float32(dims, v);
// Three vectors of 2 channels: channel 0 gets 0, 2, 3; channel 1 gets 5, -3, 1.
const x = f([3, 2], [0, 5, 2, -3, 3, 1]);

describe('Thresholding kernel', () => {
  it('per-channel thresholds on the last dimension (worked by hand)', () => {
    // ch0 [1, 3]: 0 → 0, 2 → 1, 3 → 2 (tie counts); ch1 [0, 2]: 5 → 2, -3 → 0, 1 → 1
    const T = { constant: f([2, 2], [1, 3, 0, 2]) };
    const [y] = runHw('Thresholding', [x, T], { channels: 2 }, { dataTypes: { inputs: [DataType.int(4)], outputs: [DataType.uint(2)] } });
    expect(y.dims).toEqual([3, 2]);
    expect(values(y)).toEqual([0, 2, 1, 0, 2, 1]);
  });

  it('adds out_bias to the count', () => {
    const T = { constant: f([2, 2], [1, 3, 0, 2]) };
    expect(values(runHw('Thresholding', [x, T], { channels: 2, out_bias: -1 })[0])).toEqual([-1, 1, 0, -1, 1, 0]);
  });

  it('shared thresholds [1, NT] apply to every channel', () => {
    // [2]: 0 → 0, 5 → 1, 2 → 1, -3 → 0, 3 → 1, 1 → 0
    expect(values(runHw('Thresholding', [x, { constant: f([1, 1], [2]) }], { channels: 2 })[0])).toEqual([0, 1, 1, 0, 1, 0]);
  });

  it('names the node when the channel count is wrong', () => {
    expect(() => runHw('Thresholding', [x, { constant: f([1, 1], [2]) }], { channels: 3 }, { name: 'act_i' })).toThrow(
      /act_i.*shape \[3, 2\], expected the last dimension \(channels\) to be channels = 3/,
    );
  });

  it('rejects a threshold matrix with the wrong rows', () => {
    expect(() => runHw('Thresholding', [x, { constant: f([3, 1], [0, 1, 2]) }], { channels: 2 }, { name: 'act_o' })).toThrow(/act_o.*expected \[2 or 1, steps\]/);
  });
});
