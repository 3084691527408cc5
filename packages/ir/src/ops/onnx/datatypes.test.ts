import { describe, expect, it } from 'vitest';
import { DataType } from '../../datatype/datatype';
import { attr, type AttributeInput } from '../../graph/attribute';
import { Tensor } from '../../tensor/tensor';
import { f32, i64, inferNodeDataTypes, typed, type TestInput } from './testing';

const INT = DataType.int;
const UINT = DataType.uint;
const names = (ts: (DataType | undefined)[]) => ts.map((t) => t?.name);

describe('QONNX datatypes of standard ops', () => {
  // [op, inputs, input datatypes, attributes, opset, expected output datatype names]
  const cases: [string, TestInput[], (DataType | undefined)[], Record<string, AttributeInput>, number, (string | undefined)[]][] = [
    ['Reshape', [f32([2, 3]), i64(6)], [INT(4)], {}, 17, ['INT4']],
    ['Transpose', [f32([2, 3])], [DataType.BIPOLAR], {}, 17, ['BIPOLAR']],
    ['Flatten', [f32([2, 3, 4])], [UINT(3)], {}, 17, ['UINT3']],
    ['Identity', [f32([2])], [DataType.fixed(8, 3)], {}, 17, ['FIXED<8,3>']],
    ['Slice', [f32([4]), i64(1), i64(3)], [INT(2)], {}, 17, ['INT2']],
    ['Gather', [f32([4, 2]), i64(0, 3)], [UINT(8)], {}, 17, ['UINT8']],
    ['Squeeze', [f32([1, 4])], [INT(5)], {}, 17, ['INT5']],
    ['MaxPool', [f32([1, 1, 4, 4])], [INT(4)], { kernel_shape: [2, 2] }, 17, ['INT4', undefined]],
    // Relu keeps the non-negative part: INT8 → [0, 127] = UINT7; BIPOLAR → {0, 1}.
    ['Relu', [f32([3])], [INT(8)], {}, 17, ['UINT7']],
    ['Relu', [f32([3])], [DataType.BIPOLAR], {}, 17, ['BINARY']],
    ['Relu', [f32([3])], [UINT(3)], {}, 17, ['UINT3']],
    ['Relu', [f32([3])], [], {}, 17, ['FLOAT32']],
    // Sign: sign(0) = 0, so only a BIPOLAR input stays BIPOLAR.
    ['Sign', [f32([3])], [DataType.BIPOLAR], {}, 17, ['BIPOLAR']],
    ['Sign', [f32([3])], [], {}, 17, ['TERNARY']],
    ['Sign', [f32([3])], [UINT(4)], {}, 17, ['BINARY']],
    // Multiply-accumulate ops (qonnx's rule).
    ['MatMul', [f32([2, 3]), f32([3, 4])], [INT(4), INT(4)], {}, 17, ['INT32']],
    ['MatMul', [f32([2, 3]), f32([3, 4])], [UINT(4), UINT(2)], {}, 17, ['UINT32']],
    ['Sub', [f32([2]), f32([2])], [UINT(4), UINT(4)], {}, 17, ['INT32']],
    ['Add', [f32([2]), f32([2])], [INT(4), undefined], {}, 17, ['FLOAT32']],
    ['Mul', [f32([2]), f32([2])], [DataType.fixed(8, 3), INT(4)], {}, 17, ['SCALEDINT<32>']],
    ['Conv', [f32([1, 1, 3, 3]), f32([1, 1, 2, 2])], [UINT(8), INT(2)], {}, 17, ['INT32']],
    // Joins: the smallest type holding every input's values.
    ['Concat', [f32([2]), f32([3])], [INT(4), UINT(4)], { axis: 0 }, 17, ['INT5']],
    ['Concat', [f32([2]), f32([3])], [INT(4), INT(4)], { axis: 0 }, 17, ['INT4']],
    ['Max', [f32([2]), f32([2])], [INT(3), UINT(2)], {}, 17, ['INT3']],
    // Pad keeps the type only when the pad value belongs to it.
    ['Pad', [f32([2]), i64(1, 1)], [DataType.BIPOLAR], {}, 17, [undefined]],
    ['Pad', [f32([2]), i64(1, 1)], [INT(4)], {}, 17, ['INT4']],
    ['Pad', [f32([2]), i64(1, 1)], [DataType.BIPOLAR], { mode: 'edge' }, 17, ['BIPOLAR']],
    // QDQ.
    ['QuantizeLinear', [f32([2]), f32([]), Tensor.zeros('int8', [])], [], {}, 17, ['INT8']],
    ['QuantizeLinear', [f32([2]), f32([])], [], {}, 17, ['UINT8']],
    ['DequantizeLinear', [typed('uint8', [2]), f32([])], [], {}, 17, ['SCALEDINT<8>']],
    // An index into an axis of 10 lies in [0, 9].
    ['ArgMax', [f32([2, 10])], [], { axis: 1 }, 17, ['UINT4']],
  ];
  it.each(cases)('%s, case %#', (op, inputs, dts, attrs, opset, out) => {
    expect(names(inferNodeDataTypes(op, inputs, attrs, { opset, datatypes: dts, outputCount: out.length }))).toEqual(out);
  });
});

describe('Clip datatypes', () => {
  const cases: [string, TestInput[], DataType, Record<string, AttributeInput>, number, string | undefined][] = [
    // Clip(INT8, 0, 6) lies in [0, 6]: UINT3 (a ReLU6).
    ['INT8 to [0, 6]', [f32([2]), Tensor.float32([], [0]), Tensor.float32([], [6])], INT(8), {}, 13, 'UINT3'],
    ['INT4 with bounds beyond its range', [f32([2]), Tensor.float32([], [-100]), Tensor.float32([], [100])], INT(4), {}, 13, 'INT4'],
    ['BIPOLAR to [-1, 1]', [f32([2]), Tensor.float32([], [-1]), Tensor.float32([], [1])], DataType.BIPOLAR, {}, 13, 'BIPOLAR'],
    ['INT4 to a fractional bound', [f32([2]), Tensor.float32([], [0.5])], INT(4), {}, 13, undefined],
    ['opset 6 attributes', [f32([2])], INT(8), { min: attr.float(-2), max: attr.float(1) }, 6, 'INT2'],
    ['opset 6 defaults', [f32([2])], UINT(5), {}, 6, 'UINT5'],
    ['unknown bound', [f32([2]), f32([])], INT(8), {}, 13, undefined],
  ];
  it.each(cases)('%s', (_, inputs, dt, attrs, opset, out) => {
    expect(names(inferNodeDataTypes('Clip', inputs, attrs, { opset, datatypes: [dt] }))).toEqual([out]);
  });
});
