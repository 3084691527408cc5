import { Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { runOp, values } from './run-op.test-support';

const L3 = Math.log(3);
// exp of [0, ln3, 0, 0] is [1, 3, 1, 1]
const X = Tensor.float32([2, 2], [0, L3, 0, 0]);
const X3 = Tensor.float32([1, 2, 2], [0, L3, 0, 0]);
const f32 = (v: number[]) => Array.from(Float32Array.from(v));

const cases: { name: string; x: Tensor; opset: number; axis?: number; y: number[] }[] = [
  // opset 13+: along one axis
  { name: 'opset 13, default axis -1 (rows)', x: X, opset: 13, y: [0.25, 0.75, 0.5, 0.5] },
  { name: 'opset 13, axis 0 (columns)', x: X, opset: 13, axis: 0, y: [0.5, 0.75, 0.5, 0.25] },
  { name: 'opset 13, 3-D default axis -1', x: X3, opset: 13, y: [0.25, 0.75, 0.5, 0.5] },
  { name: 'opset 13, 3-D axis 1', x: X3, opset: 13, axis: 1, y: [0.5, 0.75, 0.5, 0.25] },
  // opset < 13: coerce to 2-D at axis, normalise the flattened tail
  { name: 'opset 11, axis 0 normalises all four', x: X, opset: 11, axis: 0, y: [1 / 6, 0.5, 1 / 6, 1 / 6] },
  { name: 'opset 11, default axis 1 on 2-D (rows)', x: X, opset: 11, y: [0.25, 0.75, 0.5, 0.5] },
  { name: 'opset 11, default axis 1 on 3-D flattens [2,2]', x: X3, opset: 11, y: [1 / 6, 0.5, 1 / 6, 1 / 6] },
  { name: 'opset 11, axis 2 on 3-D (rows)', x: X3, opset: 11, axis: 2, y: [0.25, 0.75, 0.5, 0.5] },
  { name: 'opset 1, axis -1 on 3-D (rows)', x: X3, opset: 1, axis: -1, y: [0.25, 0.75, 0.5, 0.5] },
  // [1000, 1001] are exact in float32: softmax = [1, e] / (1 + e) without overflow
  { name: 'large inputs (max subtracted)', x: Tensor.float32([2], [1000, 1001]), opset: 13, y: [1 / (1 + Math.E), Math.E / (1 + Math.E)] },
];

describe('Softmax', () => {
  it.each(cases)('$name', ({ x, opset, axis, y }) => {
    const [out] = runOp('Softmax', [x], { axis }, { opset });
    expect(out.dims).toEqual(x.dims);
    expect(values(out)).toEqual(f32(y));
  });

  it('rejects an axis out of range', () => {
    expect(() => runOp('Softmax', [X], { axis: 2 }, { opset: 13 })).toThrow(/axis 2 is out of range/);
  });
});

describe('LogSoftmax', () => {
  it.each(cases)('$name', ({ x, opset, axis, y }) => {
    const [out] = runOp('LogSoftmax', [x], { axis }, { opset });
    const got = values(out);
    const want = y.map(Math.log);
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i], 6));
  });
});
