import { type ElemType, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { runOp, values } from '../nn/run-op.test-support';

const f = (dims: number[], v: number[]) => Tensor.float32(dims, v);
const t = (type: ElemType, dims: number[], v: number[]) => {
  const z = Tensor.zeros(type, dims);
  (z.data as Int32Array).set(v);
  return z;
};

// Hand-worked: q = saturate(round_half_even(x / scale) + zero_point).
const cases: { name: string; opset: number; ins: (Tensor | undefined)[]; attrs?: Record<string, any>; type: ElemType; y: number[] }[] = [
  // x/2 = [0.5, 1.5, 2.5, -0.5, -1.5, 300, -300] -> [0, 2, 2, -0, -2, 300, -300] + 128, saturated to [0, 255]
  { name: 'uint8 default, ties to even, saturation', opset: 10, ins: [f([7], [1, 3, 5, -1, -3, 600, -600]), f([], [2]), t('uint8', [], [128])], type: 'uint8', y: [128, 130, 130, 128, 126, 255, 0] },
  { name: 'no zero point gives uint8', opset: 10, ins: [f([3], [0.4, 0.6, -7]), f([], [1])], type: 'uint8', y: [0, 1, 0] },
  // -130 -> -128, 130 -> 127, 126.5 -> 126, 127.5 -> 128 -> 127, -128.5 -> -128
  { name: 'int8 saturation and ties', opset: 13, ins: [f([5], [-130, 130, 126.5, 127.5, -128.5]), f([], [1]), t('int8', [], [0])], type: 'int8', y: [-128, 127, 126, 127, -128] },
  { name: 'int16', opset: 21, ins: [f([3], [40000, -40000, -2.5]), f([], [1]), t('int16', [], [0])], type: 'int16', y: [32767, -32768, -2] },
  { name: 'uint16', opset: 21, ins: [f([3], [70000, -5, 2.5]), f([], [1]), t('uint16', [], [0])], type: 'uint16', y: [65535, 0, 2] },
  // per axis 1: x/s = [[1,1,1],[-1,-1,-1]] + zp [0,1,-1]
  { name: 'per-axis, axis 1', opset: 13, ins: [f([2, 3], [1, 2, 4, -1, -2, -4]), f([3], [1, 2, 4]), t('int8', [3], [0, 1, -1])], type: 'int8', y: [1, 2, 0, -1, 0, -2] },
  { name: 'per-axis, axis 0', opset: 13, ins: [f([2, 3], [1, 2, 3, 10, 20, 30]), f([2], [1, 10]), t('uint8', [2], [0, 10])], attrs: { axis: 0 }, type: 'uint8', y: [1, 2, 3, 11, 12, 13] },
  { name: 'per-axis, negative axis', opset: 13, ins: [f([2, 3], [1, 2, 4, -1, -2, -4]), f([3], [1, 2, 4]), t('int8', [3], [0, 1, -1])], attrs: { axis: -1 }, type: 'int8', y: [1, 2, 0, -1, 0, -2] },
  // blocks of 2 along axis 1: scales 1 and 2 -> [1, 2, 1.5, 2] -> [1, 2, 2, 2]
  { name: 'blocked (opset 21)', opset: 21, ins: [f([1, 4], [1, 2, 3, 4]), f([1, 2], [1, 2]), t('int8', [1, 2], [0, 0])], attrs: { block_size: 2 }, type: 'int8', y: [1, 2, 2, 2] },
  // a partial last block: ceil(3/2) = 2 scales
  { name: 'blocked, partial last block', opset: 21, ins: [f([3, 1], [4, 8, 9]), f([2, 1], [2, 3]), t('uint8', [2, 1], [1, 0])], attrs: { block_size: 2, axis: 0 }, type: 'uint8', y: [3, 5, 3] },
  { name: 'output_dtype int4 (opset 21)', opset: 21, ins: [f([4], [-9, 7.5, 3, -8.5]), f([], [1])], attrs: { output_dtype: 22 }, type: 'int4', y: [-8, 7, 3, -8] },
  { name: 'uint4 zero point', opset: 21, ins: [f([3], [-9, 7.5, 20]), f([], [1]), t('uint4', [], [8])], type: 'uint4', y: [0, 15, 15] },
  { name: 'int2 (opset 25)', opset: 25, ins: [f([4], [-3, -2, 1, 0.5]), f([], [1]), t('int2', [], [0])], type: 'int2', y: [-2, -2, 1, 0] },
  { name: 'int32 input', opset: 13, ins: [new Tensor('int32', [3], Int32Array.from([5, 15, -100])), f([], [10]), t('int8', [], [0])], type: 'int8', y: [0, 2, -10] },
  // float8e4m3fn: 1 -> 0x38, 448 -> 0x7E, 500 and 1000 saturate to 0x7E, 0.3 -> 0.3125 = 1.25·2^-2 -> 0x2A
  { name: 'float8e4m3fn, saturate', opset: 19, ins: [f([6], [1, 448, 500, 1000, -1000, 0.3]), f([], [1]), t('float8e4m3fn', [], [0])], type: 'float8e4m3fn', y: [0x38, 0x7e, 0x7e, 0x7e, 0xfe, 0x2a] },
  { name: 'float8e4m3fn, saturate 0 overflows to NaN', opset: 19, ins: [f([3], [500, -1000, 464]), f([], [1]), t('float8e4m3fn', [], [0])], attrs: { saturate: 0 }, type: 'float8e4m3fn', y: [0x7f, 0xff, 0x7e] },
  // 3.5 = 1.75·2^1 -> exponent 16, mantissa 3
  { name: 'float8e5m2', opset: 19, ins: [f([2], [3.5, -3.5]), f([], [1]), t('float8e5m2', [], [0])], type: 'float8e5m2', y: [0x43, 0xc3] },
];

describe('QuantizeLinear', () => {
  it.each(cases)('$name', ({ opset, ins, attrs, type, y }) => {
    const [out] = runOp('QuantizeLinear', ins, attrs ?? {}, { opset });
    expect(out.elemType).toBe(type);
    expect(out.dims).toEqual(ins[0]!.dims);
    expect(values(out)).toEqual(y);
  });

  it('rounds the division to float32 (the type of the scale) before rounding to an integer', () => {
    // x / scale is 2.50000012 in exact arithmetic, but exactly 2.5 once rounded to float32: a tie -> 2
    const x = f([1], [2.5009424686431885]);
    const scale = f([], [1.0003769397735596]);
    expect((x.data[0] as number) / (scale.data[0] as number)).toBeGreaterThan(2.5);
    expect(Math.fround((x.data[0] as number) / (scale.data[0] as number))).toBe(2.5);
    const [out] = runOp('QuantizeLinear', [x, scale, t('int8', [], [0])], {}, { opset: 13 });
    expect(values(out)).toEqual([2]);
  });

  it('rejects a scale that fits no granularity', () => {
    expect(() => runOp('QuantizeLinear', [f([2, 3], [1, 2, 3, 4, 5, 6]), f([2], [1, 1])], {}, { opset: 13 })).toThrow(/fits neither per-tensor nor per-axis/);
  });
});
