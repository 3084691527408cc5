import { describe, expect, it } from 'vitest';
import { Tensor } from '../../tensor/tensor';
import { f32, inferNode, typed } from './testing';

const zp = (t: 'int8' | 'uint8' | 'int4', dims: number[] = []) => Tensor.zeros(t, dims);

describe('QuantizeLinear', () => {
  it('takes the zero point’s type, else uint8, else output_dtype (21)', () => {
    expect(inferNode('QuantizeLinear', [f32([2, 3]), f32([]), zp('int8')])[0]).toEqual({ kind: 'tensor', elemType: 'int8', shape: [2, 3] });
    expect(inferNode('QuantizeLinear', [f32([2, 3]), f32([])])[0]).toEqual({ kind: 'tensor', elemType: 'uint8', shape: [2, 3] });
    expect(inferNode('QuantizeLinear', [f32([2, 3]), f32([])], { output_dtype: 22 }, { opset: 21 })[0]).toEqual({ kind: 'tensor', elemType: 'int4', shape: [2, 3] });
  });
  it('checks per-axis and blocked scales', () => {
    expect(inferNode('QuantizeLinear', [f32([2, 3, 4]), f32([3]), zp('uint8', [3])], { axis: 1 }, { opset: 13 })[0]).toEqual({ kind: 'tensor', elemType: 'uint8', shape: [2, 3, 4] });
    expect(() => inferNode('QuantizeLinear', [f32([2, 3, 4]), f32([4]), zp('uint8', [4])], { axis: 1 }, { opset: 13 })).toThrow(/per-axis y_scale has shape \[4\], expected \[3\]/);
    expect(() => inferNode('QuantizeLinear', [f32([2, 3]), f32([3])], {}, { opset: 10 })).toThrow(/expected a scalar before opset 13/);
    expect(inferNode('QuantizeLinear', [f32([2, 8]), f32([2, 3]), zp('int4', [2, 3])], { axis: 1, block_size: 3 }, { opset: 21 })[0]).toEqual({ kind: 'tensor', elemType: 'int4', shape: [2, 8] });
    expect(() => inferNode('QuantizeLinear', [f32([2, 8]), f32([2, 2])], { axis: 1, block_size: 3 }, { opset: 21 })).toThrow(/blocked y_scale has shape \[2, 2\], expected \[2, 3\]/);
  });
});

describe('DequantizeLinear', () => {
  it('gives the scale’s type (float32 before 19), or output_dtype (23)', () => {
    expect(inferNode('DequantizeLinear', [typed('int8', [5]), f32([]), zp('int8')], {}, { opset: 13 })[0]).toEqual({ kind: 'tensor', elemType: 'float32', shape: [5] });
    expect(inferNode('DequantizeLinear', [typed('uint8', [5]), typed('float16', [])], {}, { opset: 19 })[0]).toEqual({ kind: 'tensor', elemType: 'float16', shape: [5] });
    expect(inferNode('DequantizeLinear', [typed('uint8', [5]), typed('float32', [])], { output_dtype: 10 }, { opset: 23 })[0]).toEqual({ kind: 'tensor', elemType: 'float16', shape: [5] });
  });
  it('needs x and the zero point to share a type', () => {
    expect(() => inferNode('DequantizeLinear', [typed('uint8', [5]), f32([]), zp('int8')])).toThrow(/x is uint8 but the zero point is int8/);
  });
});
