import { attrGraph, DataType, type Graph, type ValueType } from '@scanflow/ir';
import Long from 'long';
import { describe, expect, it } from 'vitest';
import { onnx } from './gen/onnx.js';
import { decodeModel, encodeModel, OnnxFormatError } from './index';

const utf8 = (s: string) => new TextEncoder().encode(s);
const f32 = (...v: number[]) => new Uint8Array(Float32Array.from(v).buffer);
const shape = (...dims: (number | string | null)[]): onnx.ITensorShapeProto => ({
  dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : typeof d === 'string' ? { dimParam: d } : {})),
});

/**
 * A model exercising every field the IR keeps, written directly with protobufjs in canonical form
 * (only present fields, tensors as raw_data), so that decode → encode must give the same bytes.
 */
const PROTO: onnx.ModelProto.$Properties = {
  irVersion: 10,
  opsetImport: [
    { domain: '', version: 21 },
    { domain: 'local', version: 1 },
  ],
  producerName: 'hand',
  producerVersion: '0.1',
  domain: 'org.example',
  modelVersion: 7,
  docString: 'a model',
  graph: {
    node: [
      {
        input: ['x', '', 'S'],
        output: ['y'],
        name: 'all_attrs',
        opType: 'Custom',
        attribute: [
          { name: 'f', f: 0.25, type: 1 },
          { name: 'i', i: Long.fromString('-9007199254740993'), type: 2 },
          { name: 's', s: utf8('héllo'), type: 3 },
          { name: 't', t: { dims: [2], dataType: 1, rawData: f32(1, 2) }, type: 4 },
          {
            name: 'g',
            g: {
              node: [{ input: ['a'], output: ['b'], opType: 'Neg' }],
              name: 'inner',
              input: [{ name: 'a', type: { tensorType: { elemType: 1, shape: shape() } } }],
              output: [{ name: 'b' }],
            },
            type: 5,
          },
          { name: 'fs', floats: [1.5, -0.5], type: 6 },
          { name: 'is', ints: [Long.fromString('4611686018427387907'), -5], type: 7 },
          { name: 'ss', strings: [utf8('a'), utf8('')], type: 8 },
          { name: 'ts', tensors: [{ dims: [1], dataType: 7, rawData: new Uint8Array(8).fill(255) }], type: 9 },
          { name: 'gs', graphs: [{ name: 'g0' }, { name: 'g1' }], type: 10 },
          { name: 'tp', tp: { sequenceType: { elemType: { tensorType: { elemType: 10 } } } }, type: 13 },
          { name: 'tps', typeProtos: [{ tensorType: { elemType: 6, shape: shape(3) } }], type: 14 },
        ],
        docString: 'node doc',
        domain: 'local',
        overload: 'v2',
        metadataProps: [{ key: 'pe', value: '4' }],
      },
    ],
    name: 'main',
    initializer: [{ dims: [2, 2], dataType: 1, name: 'W', rawData: f32(1, 2, 3, 4) }],
    docString: 'graph doc',
    input: [
      { name: 'x', type: { tensorType: { elemType: 1, shape: shape('batch', null, 4) } }, docString: 'input doc', metadataProps: [{ key: 'k', value: 'v' }] },
      { name: 'S', type: { sequenceType: { elemType: { tensorType: { elemType: 7 } } } } },
    ],
    output: [{ name: 'y', type: { optionalType: { elemType: { tensorType: { elemType: 1, shape: shape(1) } } } } }],
    valueInfo: [
      { name: 'm', type: { mapType: { keyType: 8, valueType: { tensorType: { elemType: 11 } } } } },
      { name: 'sp', type: { sparseTensorType: { elemType: 1, shape: shape(10, 10) } } },
    ],
    quantizationAnnotation: [{ tensorName: 'x', quantParameterTensorNames: [{ key: 'finn_datatype', value: 'INT8' }] }],
    sparseInitializer: [
      {
        values: { dims: [2], dataType: 1, name: 'Sp', rawData: f32(5, 6) },
        indices: { dims: [2], dataType: 7, rawData: new Uint8Array(new BigInt64Array([1n, 7n]).buffer) },
        dims: [3, 3],
      },
    ],
    metadataProps: [{ key: 'graph_meta', value: '1' }],
  },
  metadataProps: [{ key: 'model_meta', value: 'x' }],
  functions: [
    {
      name: 'Custom',
      input: ['X', 'O', 'S'],
      output: ['Y'],
      attribute: ['alpha'],
      node: [
        {
          input: ['X'],
          output: ['Y'],
          opType: 'LeakyRelu',
          attribute: [{ name: 'alpha', type: 1, refAttrName: 'alpha' }],
        },
      ],
      docString: 'function doc',
      opsetImport: [{ domain: '', version: 21 }],
      domain: 'local',
      attributeProto: [{ name: 'beta', i: 3, type: 2 }],
      valueInfo: [{ name: 'X', type: { tensorType: { elemType: 1 } } }],
      overload: 'v2',
      metadataProps: [{ key: 'fn', value: 'meta' }],
    },
  ],
};

const BYTES = onnx.ModelProto.encode(PROTO).finish();

describe('decodeModel / encodeModel on a hand-built model with every kept field', () => {
  const model = decodeModel(BYTES, { fileName: 'hand.onnx' });

  it('reads model-level fields, opset imports and metadata', () => {
    expect(model.irVersion).toBe(10);
    expect(model.opsetImports).toEqual(new Map([['', 21], ['local', 1]]));
    expect(model).toMatchObject({ producerName: 'hand', producerVersion: '0.1', domain: 'org.example', modelVersion: 7, docString: 'a model' });
    expect(model.metadataProps).toEqual([['model_meta', 'x']]);
    expect(model.graph.docString).toBe('graph doc');
    expect(model.graph.metadataProps).toEqual([['graph_meta', '1']]);
  });

  it('reads every attribute kind', () => {
    const a = model.graph.nodes[0].attributes;
    expect([...a.keys()]).toEqual(['f', 'i', 's', 't', 'g', 'fs', 'is', 'ss', 'ts', 'gs', 'tp', 'tps']);
    expect(a.get('f')).toEqual({ type: 'float', value: 0.25 });
    expect(a.get('i')).toEqual({ type: 'int', value: -9007199254740993n });
    expect(a.get('s')).toEqual({ type: 'string', value: 'héllo' });
    expect(a.get('is')).toEqual({ type: 'ints', value: [4611686018427387907n, -5n] });
    expect(a.get('ss')).toEqual({ type: 'strings', value: ['a', ''] });
    expect(a.get('fs')).toEqual({ type: 'floats', value: [1.5, -0.5] });
    const t = a.get('t');
    expect(t?.type === 'tensor' && [...t.value.data]).toEqual([1, 2]);
    const ts = a.get('ts');
    expect(ts?.type === 'tensors' && [...ts.value[0].data]).toEqual([-1n]);
    const body: Graph = attrGraph(model.graph.nodes[0], 'g');
    expect(body.name).toBe('inner');
    expect(body.nodes[0].opType).toBe('Neg');
    expect(body.inputs[0].type).toEqual({ kind: 'tensor', elemType: 'float32', shape: [] });
    const gs = a.get('gs');
    expect(gs?.type === 'graphs' && gs.value.map((g) => g.name)).toEqual(['g0', 'g1']);
    expect(a.get('tp')).toEqual({ type: 'typeProto', value: { kind: 'sequence', elem: { kind: 'tensor', elemType: 'float16' } } });
    expect(a.get('tps')).toEqual({ type: 'typeProtos', value: [{ kind: 'tensor', elemType: 'int32', shape: [3] }] });
  });

  it('reads node, value-info and type details', () => {
    const n = model.graph.nodes[0];
    expect(n).toMatchObject({ name: 'all_attrs', domain: 'local', overload: 'v2', docString: 'node doc', inputs: ['x', '', 'S'] });
    expect(n.metadataProps).toEqual([['pe', '4']]);
    const x = model.graph.inputs[0];
    expect(x).toEqual({ name: 'x', type: { kind: 'tensor', elemType: 'float32', shape: ['batch', null, 4] }, docString: 'input doc', metadataProps: [['k', 'v']] });
    const types: Record<string, ValueType | undefined> = Object.fromEntries(
      [...model.graph.inputs, ...model.graph.outputs, ...model.graph.valueInfo.values()].map((v) => [v.name, v.type]),
    );
    expect(types.S).toEqual({ kind: 'sequence', elem: { kind: 'tensor', elemType: 'int64' } });
    expect(types.y).toEqual({ kind: 'optional', elem: { kind: 'tensor', elemType: 'float32', shape: [1] } });
    expect(types.m).toEqual({ kind: 'map', keyType: 'string', valueType: { kind: 'tensor', elemType: 'float64' } });
    expect(types.sp).toEqual({ kind: 'sparseTensor', elemType: 'float32', shape: [10, 10] });
    expect(model.graph.getDataType('x')).toBe(DataType.int(8));
    const sp = model.graph.sparseInitializers.get('Sp');
    expect(sp?.dims).toEqual([3, 3]);
    expect([...(sp?.indices.data ?? [])]).toEqual([1n, 7n]);
  });

  it('reads model-local functions with attribute references and defaults', () => {
    const fn = model.functions[0];
    expect(fn).toMatchObject({ name: 'Custom', domain: 'local', overload: 'v2', docString: 'function doc', attributeNames: ['alpha'] });
    expect(fn.nodes[0].attributes.get('alpha')).toEqual({ type: 'ref', value: 'alpha', refType: 'float' });
    expect(fn.opsetImports).toEqual(new Map([['', 21]]));
    expect(fn.extra?.attributeProto).toEqual([['beta', { type: 'int', value: 3n }]]);
  });

  it('writes the same bytes back', () => {
    expect(Buffer.from(encodeModel(model)).equals(Buffer.from(BYTES))).toBe(true);
  });

  it('names the file and graph when a required field is missing', () => {
    const noGraph = onnx.ModelProto.encode({ irVersion: 8 }).finish();
    expect(() => decodeModel(noGraph, { fileName: 'x.onnx' })).toThrow(OnnxFormatError);
    expect(() => decodeModel(noGraph, { fileName: 'x.onnx' })).toThrow(/x\.onnx.*no graph/);
    const noOp = onnx.ModelProto.encode({ irVersion: 8, graph: { name: 'G', node: [{ name: 'n1' }] } }).finish();
    expect(() => decodeModel(noOp, { fileName: 'x.onnx' })).toThrow(/x\.onnx: graph 'G' > node 'n1'.*op_type is missing/);
    const dup = onnx.ModelProto.encode({
      irVersion: 8,
      graph: { name: 'G', initializer: [{ name: 'A', dataType: 1, rawData: f32(1) }, { name: 'A', dataType: 1, rawData: f32(2) }] },
    }).finish();
    expect(() => decodeModel(dup, { fileName: 'x.onnx' })).toThrow(/initializer 'A' appears twice/);
  });
});
