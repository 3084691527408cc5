import { DataType, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { runHw, values } from './hw.test-support';

const f = (dims: number[], v: number[]) => Tensor.float32(dims, v);
// W [2, 3]: row r = output channel r.
const W = { constant: f([2, 3], [1, 2, 3, -1, 0, 4]) };
// Two vectors: [1, 1, 1] and [2, -1, 0].
const x = f([2, 3], [1, 1, 1, 2, -1, 0]);
const attrs = { mw: 3, mh: 2, acc_dtype: 'INT5' };

describe('MVAU kernel', () => {
  it('without thresholds: acc = W·x per vector (worked by hand)', () => {
    // [1,1,1]: 1+2+3 = 6, -1+0+4 = 3; [2,-1,0]: 2-2+0 = 0, -2+0+0 = -2
    const [y] = runHw('MVAU', [x, W], attrs, { dataTypes: { inputs: [DataType.int(3), DataType.int(4)], outputs: [DataType.int(5)] } });
    expect(y.dims).toEqual([2, 2]);
    expect(values(y)).toEqual([6, 3, 0, -2]);
  });

  it('an accumulator leaving its annotated datatype is reported (checkDataTypes)', () => {
    expect(() => runHw('MVAU', [x, W], attrs, { dataTypes: { outputs: [DataType.int(3)] } })).toThrow(/INT3/);
  });

  it('keeps leading dimensions and only replaces the last one by MH', () => {
    const [y] = runHw('MVAU', [f([1, 2, 3], [1, 1, 1, 2, -1, 0]), W], { ...attrs, pe: 2, simd: 3 });
    expect(y.dims).toEqual([1, 2, 2]);
    expect(values(y)).toEqual([6, 3, 0, -2]);
  });

  it('with per-row thresholds: out_bias + #{k : acc ≥ T[r][k]}', () => {
    // acc 6 vs [0, 5] → 2; 3 vs [-1, 4] → 1; 0 vs [0, 5] → 1 (tie counts); -2 vs [-1, 4] → 0; then −1.
    const T = { constant: f([2, 2], [0, 5, -1, 4]) };
    const [y] = runHw('MVAU', [x, W, T], { ...attrs, out_bias: -1 }, { dataTypes: { outputs: [DataType.int(2)] } });
    expect(values(y)).toEqual([1, 0, 0, -1]);
  });

  it('counts, so unsorted threshold rows give the same result', () => {
    const T = { constant: f([2, 2], [5, 0, 4, -1]) };
    expect(values(runHw('MVAU', [x, W, T], { ...attrs, out_bias: -1 })[0])).toEqual([1, 0, 0, -1]);
  });

  it('with a shared threshold row [1, NT]', () => {
    // [0, 4]: 6 → 2, 3 → 1, 0 → 1, -2 → 0
    const T = { constant: f([1, 2], [0, 4]) };
    expect(values(runHw('MVAU', [x, W, T], attrs)[0])).toEqual([2, 1, 1, 0]);
  });

  it('is exact up to float32 integer precision: 4096·2048 + 1 = 2^23 + 1', () => {
    const [y] = runHw('MVAU', [f([1, 2], [2048, 1]), { constant: f([1, 2], [4096, 1]) }], { mw: 2, mh: 1, acc_dtype: 'INT25' });
    expect(values(y)).toEqual([2 ** 23 + 1]);
  });

  it('names the node when the channel count is wrong', () => {
    expect(() => runHw('MVAU', [f([2, 4], new Array(8).fill(0)), W], attrs, { name: 'mvau_gate_f' })).toThrow(
      /mvau_gate_f.*shape \[2, 4\], expected the last dimension \(channels\) to be mw = 3/,
    );
  });

  it('names the node when the weights do not match mh, mw', () => {
    expect(() => runHw('MVAU', [x, W], { ...attrs, mh: 3 }, { name: 'mvau_u' })).toThrow(/mvau_u.*weights .* \[2, 3\], expected \[mh, mw\] = \[3, 3\]/);
  });

  it('rejects thresholds with the wrong number of rows', () => {
    expect(() => runHw('MVAU', [x, W, { constant: f([3, 1], [0, 0, 0]) }], attrs, { name: 'm' })).toThrow(/m.*thresholds have shape \[3, 1\], expected \[2 or 1, steps\]/);
  });
});
