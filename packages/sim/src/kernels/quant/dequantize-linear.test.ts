import { type ElemType, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { runOp, values } from '../nn/run-op.test-support';

const f = (dims: number[], v: number[]) => Tensor.float32(dims, v);
const t = (type: ElemType, dims: number[], v: number[]) => {
  const z = Tensor.zeros(type, dims);
  (z.data as Int32Array).set(v);
  return z;
};

// Hand-worked: y = (x − zero_point) · scale.
const cases: { name: string; opset: number; ins: (Tensor | undefined)[]; attrs?: Record<string, any>; type: ElemType; y: number[] }[] = [
  { name: 'uint8 per tensor', opset: 10, ins: [t('uint8', [3], [0, 128, 255]), f([], [2]), t('uint8', [], [128])], type: 'float32', y: [-256, 0, 254] },
  { name: 'no zero point', opset: 10, ins: [t('int8', [2], [-128, 127]), f([], [0.5])], type: 'float32', y: [-64, 63.5] },
  { name: 'per-axis, axis 0', opset: 13, ins: [t('int8', [2, 2], [1, 2, 3, 4]), f([2], [0.5, 2]), t('int8', [2], [1, 0])], attrs: { axis: 0 }, type: 'float32', y: [0, 0.5, 6, 8] },
  { name: 'per-axis, axis 1', opset: 13, ins: [t('int8', [2, 2], [1, 2, 3, 4]), f([2], [0.5, 2]), t('int8', [2], [1, 0])], type: 'float32', y: [0, 4, 1, 8] },
  { name: 'int32', opset: 13, ins: [new Tensor('int32', [2], Int32Array.from([1_000_000, -3])), f([], [0.5])], type: 'float32', y: [500_000, -1.5] },
  { name: 'int16 / uint16', opset: 21, ins: [t('uint16', [2], [65535, 0]), f([], [1]), t('uint16', [], [32768])], type: 'float32', y: [32767, -32768] },
  { name: 'blocked (opset 21)', opset: 21, ins: [t('int8', [1, 4], [1, 2, 3, 4]), f([1, 2], [1, 2])], attrs: { block_size: 2 }, type: 'float32', y: [1, 2, 6, 8] },
  { name: 'int4 with zero point', opset: 21, ins: [t('int4', [3], [-8, 0, 7]), f([], [2]), t('int4', [], [-1])], type: 'float32', y: [-14, 2, 16] },
  // 0x38 = 1, 0x7E = 448, 0xFE = -448, 0x2A = 0.3125
  { name: 'float8e4m3fn', opset: 19, ins: [t('float8e4m3fn', [4], [0x38, 0x7e, 0xfe, 0x2a]), f([], [2])], type: 'float32', y: [2, 896, -896, 0.625] },
  // (3 - 0) · 0.5 = 1.5 = float16 0x3E00, with a float16 scale 0x3800
  { name: 'float16 scale gives float16', opset: 19, ins: [t('uint8', [1], [3]), new Tensor('float16', [], Uint16Array.from([0x3800]))], type: 'float16', y: [0x3e00] },
];

describe('DequantizeLinear', () => {
  it.each(cases)('$name', ({ opset, ins, attrs, type, y }) => {
    const [out] = runOp('DequantizeLinear', ins, attrs ?? {}, { opset });
    expect(out.elemType).toBe(type);
    expect(out.dims).toEqual(ins[0]!.dims);
    expect(values(out)).toEqual(y);
  });

  it('round-trips QuantizeLinear on the quantisation grid', () => {
    // on the grid of each column's scale: -1 = (-1 - 3)·0.25, 0.5 = (-1 + 2)·0.5, 0.5 = (5 - 3)·0.25, 1 = (0 + 2)·0.5
    const x = f([2, 2], [-1, 0.5, 0.5, 1]);
    const scale = f([2], [0.25, 0.5]);
    const zp = t('int8', [2], [3, -2]);
    const [q] = runOp('QuantizeLinear', [x, scale, zp], {}, { opset: 13 });
    const [y] = runOp('DequantizeLinear', [q, scale, zp], {}, { opset: 13 });
    expect(values(y)).toEqual([-1, 0.5, 0.5, 1]);
  });

  it('rejects a zero point of another type', () => {
    expect(() => runOp('DequantizeLinear', [t('int8', [1], [1]), f([], [1]), t('uint8', [], [0])], {}, { opset: 13 })).toThrow(/x_zero_point is uint8 but x is int8/);
  });
});
