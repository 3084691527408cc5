import { Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { runHw, values } from './hw.test-support';

const x = Tensor.float32([2, 3], [1, -2, 3, 4, 5, -6]);

describe('DuplicateStreams kernel', () => {
  it('gives N identical copies', () => {
    const outs = runHw('DuplicateStreams', [x], { channels: 3 }, { outputs: 3 });
    expect(outs).toHaveLength(3);
    for (const y of outs) {
      expect(y.dims).toEqual([2, 3]);
      expect(values(y)).toEqual([1, -2, 3, 4, 5, -6]);
    }
  });

  it('names the node when the channel count is wrong', () => {
    expect(() => runHw('DuplicateStreams', [x], { channels: 2 }, { outputs: 2, name: 'h_fanout' })).toThrow(/h_fanout.*channels = 2/);
  });

  it('rejects a single output', () => {
    expect(() => runHw('DuplicateStreams', [x], { channels: 3 }, { outputs: 1, name: 'dup1' })).toThrow(/dup1.*at least 2 copies/);
  });
});
