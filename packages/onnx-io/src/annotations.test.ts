import { DataType, GraphBuilder, QONNX_DOMAIN, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { onnx } from './gen/onnx.js';
import { decodeModel, encodeModel, OnnxFormatError } from './index';
import { modelBytes } from './testing/build-proto.test-support';
import { diffModels } from './testing/diff-models.test-support';

function qonnxModel() {
  const b = new GraphBuilder('qnn');
  const x = b.input('x', 'float32', [1, 4], DataType.int(4));
  const w = b.initializer('W', Tensor.float32([4, 2], [1, -1, 1, 1, -1, -1, 1, -1]), DataType.BIPOLAR);
  const scale = b.scalar('scale', 0.125);
  const zero = b.scalar('zero', 0);
  const bits = b.scalar('bits', 8);
  const y = b.op('MatMul', [x, w]);
  const q = b.op('Quant', [y, scale, zero, bits], { signed: 1, narrow: 0, rounding_mode: 'ROUND' }, { domain: QONNX_DOMAIN });
  b.output(q, 'float32', [1, 2]);
  b.graph.setDataType(q, DataType.fixed(8, 3));
  b.graph.annotations.set(y, { layout: "['N', 'C']", extra: [['note', 'accumulator']] });
  return b.model({ opset: 17, opsets: { [QONNX_DOMAIN]: 1 } });
}

describe('QONNX quantization annotations', () => {
  it('round trip INT4 / BIPOLAR / FIXED<8,3>, layouts and other keys', () => {
    const model = qonnxModel();
    const bytes = encodeModel(model);
    const back = decodeModel(bytes);
    expect(diffModels(model, back)).toEqual([]);
    expect(back.graph.getDataType('x')).toBe(DataType.int(4));
    expect(back.graph.getDataType('W')).toBe(DataType.BIPOLAR);
    const q = back.graph.outputs[0].name;
    expect(back.graph.getDataType(q)).toBe(DataType.fixed(8, 3));
    expect(back.graph.nodes[1].domain).toBe(QONNX_DOMAIN);
  });

  it('are written as finn_datatype / tensor_layout entries of quantization_annotation', () => {
    const proto = onnx.ModelProto.decode(encodeModel(qonnxModel()));
    const entries = (proto.graph as onnx.GraphProto).quantizationAnnotation.map((a) => [
      a.tensorName,
      (a.quantParameterTensorNames ?? []).map((e) => `${e.key}=${e.value}`),
    ]);
    expect(entries).toEqual([
      ['x', ['finn_datatype=INT4']],
      ['W', ['finn_datatype=BIPOLAR']],
      ['quant', ['finn_datatype=FIXED<8,3>']],
      ['matmul', ["tensor_layout=['N', 'C']", 'note=accumulator']],
    ]);
  });

  it('read annotations written by QONNX tools, merging entries of one tensor', () => {
    const bytes = onnx.ModelProto.encode({
      irVersion: 8,
      opsetImport: [{ domain: '', version: 13 }],
      graph: {
        name: 'g',
        input: [{ name: 'a' }],
        quantizationAnnotation: [
          { tensorName: 'a', quantParameterTensorNames: [{ key: 'finn_datatype', value: 'UINT3' }] },
          { tensorName: 'a', quantParameterTensorNames: [{ key: 'tensor_layout', value: "['N', 'C', 'H', 'W']" }] },
          { tensorName: 'b', quantParameterTensorNames: [{ key: 'finn_datatype', value: 'BINARY' }] },
        ],
      },
    }).finish();
    const g = decodeModel(bytes).graph;
    expect(g.annotations.get('a')).toEqual({ datatype: DataType.uint(3), layout: "['N', 'C', 'H', 'W']" });
    expect(g.getDataType('b')).toBe(DataType.BINARY);
  });

  it('reject an unknown finn_datatype, naming the tensor', () => {
    const bytes = onnx.ModelProto.encode({
      irVersion: 8,
      graph: { name: 'g', quantizationAnnotation: [{ tensorName: 'act', quantParameterTensorNames: [{ key: 'finn_datatype', value: 'INT4X' }] }] },
    }).finish();
    expect(() => decodeModel(bytes, { fileName: 'q.onnx' })).toThrow(OnnxFormatError);
    expect(() => decodeModel(bytes, { fileName: 'q.onnx' })).toThrow(/q\.onnx.*'act'.*INT4X/);
  });
});

describe('custom domains and their aliases', () => {
  const aliased = (domain: string) =>
    modelBytes({
      opsets: [
        ['', 13],
        [domain, 1],
      ],
      nodes: [{ opType: 'MultiThreshold', domain, input: ['x', 't'], output: ['y'], attribute: [{ name: 'out_dtype', type: 3, s: new TextEncoder().encode('UINT4') }] }],
    });

  it.each(['finn.custom_op.general', 'finn', 'onnx.brevitas', 'qonnx.custom_op.general'])('%s is read as qonnx.custom_op.general and written back validly', (domain) => {
    const model = decodeModel(aliased(domain));
    expect(model.graph.nodes[0].domain).toBe(QONNX_DOMAIN);
    expect(model.opsetImports.get(QONNX_DOMAIN)).toBe(1);
    expect(model.rawOpsetImports).toEqual([
      ['', 13],
      [domain, 1],
    ]);
    const proto = onnx.ModelProto.decode(encodeModel(model));
    const written = proto.opsetImport.map((o) => [o.domain, Number(o.version)]);
    // The file's own spelling is kept, and the domain the node is written with is imported too.
    expect(written.slice(0, 2)).toEqual([
      ['', 13],
      [domain, 1],
    ]);
    expect(written).toContainEqual([QONNX_DOMAIN, 1]);
    expect((proto.graph as onnx.GraphProto).node[0].domain).toBe(QONNX_DOMAIN);
    expect(diffModels(decodeModel(encodeModel(model)), model).filter((d) => !d.startsWith('model.rawOpsetImports'))).toEqual([]);
  });

  it('keeps finn.custom_op.fpgadataflow as its own domain', () => {
    const model = decodeModel(aliased('finn.custom_op.fpgadataflow'));
    expect(model.graph.nodes[0].domain).toBe('finn.custom_op.fpgadataflow');
    const proto = onnx.ModelProto.decode(encodeModel(model));
    expect(proto.opsetImport.map((o) => o.domain)).toEqual(['', 'finn.custom_op.fpgadataflow']);
  });

  it('normalises ai.onnx to the default domain', () => {
    const model = decodeModel(modelBytes({ opsets: [['ai.onnx', 13]], nodes: [{ opType: 'Relu', domain: 'ai.onnx', input: ['x'], output: ['y'] }] }));
    expect(model.graph.nodes[0].domain).toBe('');
    expect(model.opsetImports).toEqual(new Map([['', 13]]));
    const proto = onnx.ModelProto.decode(encodeModel(model));
    expect(proto.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['ai.onnx', 13]]);
  });

  it('writes the normalised map when the opset imports were edited', () => {
    const model = decodeModel(aliased('finn'));
    model.opsetImports.set('', 17);
    const proto = onnx.ModelProto.decode(encodeModel(model));
    expect(proto.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([
      ['', 17],
      [QONNX_DOMAIN, 1],
    ]);
  });
});
