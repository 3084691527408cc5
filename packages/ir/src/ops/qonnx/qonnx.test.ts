import { describe, expect, it } from 'vitest';
import { attr, type AttributeInput } from '../../graph/attribute';
import { QONNX_DOMAIN } from '../../graph/node';
import { Tensor } from '../../tensor/tensor';
import { f32, inferNode, inferNodeDataTypes, type TestInput } from '../onnx/testing';

const s = (v: number) => Tensor.float32([], [v]);
const q = { domain: QONNX_DOMAIN };
const names = (ts: unknown[]) => ts.map((t) => (t as { name?: string } | undefined)?.name);

describe('Quant / IntQuant', () => {
  // [op, scale, zeropt, bitwidth, attributes, expected datatype] — qonnx's rule (reference §1.4).
  const cases: [string, TestInput, TestInput, TestInput, Record<string, AttributeInput>, string][] = [
    ['Quant', s(1), s(0), s(4), { signed: 1, narrow: 0 }, 'INT4'],
    ['Quant', s(1), s(0), s(4), { signed: 0, narrow: 0 }, 'UINT4'],
    ['Quant', s(1), s(0), s(8), { signed: 1, narrow: 1 }, 'INT8'],
    ['Quant', s(1), s(0), s(1), { signed: 1, narrow: 0 }, 'BIPOLAR'],
    ['Quant', s(1), s(0), s(1), { signed: 0, narrow: 0 }, 'BINARY'],
    ['Quant', s(0.25), s(0), s(4), { signed: 1, narrow: 0 }, 'SCALEDINT<4>'],
    ['Quant', Tensor.float32([1, 3], [1, 1, 0.5]), Tensor.float32([1, 3], [0, 0, 0]), s(6), { signed: 0, narrow: 0 }, 'SCALEDINT<6>'],
    ['Quant', Tensor.float32([1, 3], [1, 1, 1]), s(0), s(6), { signed: 0, narrow: 0 }, 'UINT6'],
    ['Quant', s(1), s(1), s(4), { signed: 1, narrow: 0 }, 'FLOAT32'],
    ['Quant', s(1), s(0), s(2.5), { signed: 1, narrow: 0 }, 'FLOAT32'],
    ['Quant', s(1), s(0), f32([]), { signed: 1, narrow: 0 }, 'FLOAT32'],
    ['IntQuant', s(1), s(0), s(3), { signed: 1, narrow: 0 }, 'INT3'],
  ];
  it.each(cases)('%s case %#', (op, scale, zp, bits, attrs, dt) => {
    expect(names(inferNodeDataTypes(op, [f32([2, 3]), scale, zp, bits], attrs, q))).toEqual([dt]);
  });
  it('keeps x’s shape as float32 and checks the parameters broadcast', () => {
    expect(inferNode('Quant', [f32(['N', 3]), Tensor.float32([1, 3], [1, 1, 1]), s(0), s(4)], { signed: 1, narrow: 0 }, q)[0]).toEqual({
      kind: 'tensor',
      elemType: 'float32',
      shape: ['N', 3],
    });
    expect(() => inferNode('Quant', [f32([2, 3]), Tensor.float32([2], [1, 1]), s(0), s(4)], {}, q)).toThrow(/'n0' \(Quant\).*scale of shape \[2\] cannot broadcast to \[2, 3\]/);
    expect(() => inferNode('Quant', [f32([2, 3]), s(1), s(0), Tensor.float32([2], [4, 4])], {}, q)).toThrow(/bitwidth has shape \[2\], expected a single value/);
  });
  it('resolves through the onnx.brevitas alias domain', () => {
    expect(inferNode('Quant', [f32([4]), s(1), s(0), s(4)], {}, { domain: 'onnx.brevitas' })[0]).toEqual({ kind: 'tensor', elemType: 'float32', shape: [4] });
  });
});

describe('BipolarQuant and Trunc', () => {
  it('BipolarQuant is BIPOLAR only with scale 1', () => {
    expect(names(inferNodeDataTypes('BipolarQuant', [f32([2]), s(1)], {}, q))).toEqual(['BIPOLAR']);
    expect(names(inferNodeDataTypes('BipolarQuant', [f32([2]), s(0.5)], {}, q))).toEqual(['FLOAT32']);
    expect(inferNode('BipolarQuant', [f32([2, 'T']), s(1)], {}, q)[0]).toEqual({ kind: 'tensor', elemType: 'float32', shape: [2, 'T'] });
  });
  it('Trunc v1 (5 inputs) and v2 (6 inputs) keep the shape; the datatype is FLOAT32', () => {
    expect(inferNode('Trunc', [f32([1, 4]), s(1), s(0), s(8), s(4)], { rounding_mode: 'FLOOR' }, q)[0]).toEqual({ kind: 'tensor', elemType: 'float32', shape: [1, 4] });
    const v2 = { ...q, opsets: { [QONNX_DOMAIN]: 2 } };
    expect(inferNode('Trunc', [f32([1, 4]), s(1), s(0), s(8), s(2), s(4)], { rounding_mode: 'FLOOR', signed: 1, narrow: 0 }, v2)[0]).toEqual({
      kind: 'tensor',
      elemType: 'float32',
      shape: [1, 4],
    });
    expect(() => inferNode('Trunc', [f32([1, 4]), s(1), s(0), s(8), Tensor.float32([3], [1, 1, 1]), s(4)], {}, v2)).toThrow(/out_scale of shape \[3\]/);
    expect(names(inferNodeDataTypes('Trunc', [f32([1, 4]), s(1), s(0), s(8), s(4)], {}, q))).toEqual(['FLOAT32']);
  });
});

describe('MultiThreshold', () => {
  const th = (c: number, steps: number) => Tensor.float32([c, steps], new Array(c * steps).fill(0));
  // [x shape, thresholds, attributes, expected datatype]
  const cases: [(number | string)[], Tensor, Record<string, AttributeInput>, string][] = [
    [[1, 3, 8, 8], th(3, 15), { out_dtype: 'UINT4' }, 'UINT4'],
    [[1, 3], th(1, 15), { out_dtype: 'INT4', out_bias: attr.float(-8) }, 'INT4'],
    // One threshold, scale 2, bias -1: values {-1, +1}.
    [[1, 3], th(1, 1), { out_dtype: 'BIPOLAR', out_scale: attr.float(2), out_bias: attr.float(-1) }, 'BIPOLAR'],
    // UINT2 counts 0..3 scaled by 2 reach 6, outside UINT2: the covering type is UINT3.
    [[1, 3], th(3, 3), { out_dtype: 'UINT2', out_scale: attr.float(2) }, 'UINT3'],
    // qonnx would say INT4 for counts 0..15 with no bias; they are UINT4.
    [[1, 3], th(3, 15), { out_dtype: 'INT4' }, 'UINT4'],
    [[1, 3], th(3, 15), { out_dtype: 'UINT4', out_scale: 0.5 }, 'FLOAT32'],
    [[1, 3], th(3, 15), { out_dtype: 'UINT4', out_bias: 0.5 }, 'FLOAT32'],
    [[1, 8, 8, 3], th(3, 7), { out_dtype: 'UINT3', data_layout: 'NHWC' }, 'UINT3'],
  ];
  it.each(cases)('%j, case %#', (x, t, attrs, dt) => {
    expect(inferNode('MultiThreshold', [f32(x), t], attrs, q)[0]).toEqual({ kind: 'tensor', elemType: 'float32', shape: x });
    expect(names(inferNodeDataTypes('MultiThreshold', [f32(x), t], attrs, q))).toEqual([dt]);
  });
  it('checks thresholds against the channel axis and the out_dtype name', () => {
    expect(() => inferNode('MultiThreshold', [f32([1, 8, 8, 3]), th(4, 7)], { out_dtype: 'UINT3', data_layout: 'NHWC' }, q)).toThrow(
      /'n0' \(MultiThreshold\).*4 rows, expected 1 or the 3 channels/,
    );
    expect(() => inferNode('MultiThreshold', [f32([1, 3, 8, 8]), th(8, 7)], { out_dtype: 'UINT3' }, q)).toThrow(/8 rows, expected 1 or the 3 channels/);
    expect(() => inferNode('MultiThreshold', [f32([1, 3]), th(3, 7)], { out_dtype: 'UINT33X' }, q)).toThrow(/out_dtype 'UINT33X' is not a QONNX datatype name/);
    expect(() => inferNode('MultiThreshold', [f32([1, 3]), Tensor.float32([3], [0, 0, 0])], { out_dtype: 'UINT3' }, q)).toThrow(/expected \[channels or 1, steps\]/);
  });
});
