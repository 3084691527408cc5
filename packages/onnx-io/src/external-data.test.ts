import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Graph, GraphBuilder, Node, Tensor } from '@scanflow/ir';
import { afterAll, describe, expect, it } from 'vitest';
import { onnx } from './gen/onnx.js';
import { decodeModel, encodeModel, ExternalDataError, loadModel, saveModel } from './index';
import { externalTensor, modelBytes } from './testing/build-proto.test-support';
import { diffModels } from './testing/diff-models.test-support';

const root = mkdtempSync(join(tmpdir(), 'scanflow-onnx-ext-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
function folder(): string {
  const d = join(root, `m${n++}`);
  mkdirSync(d);
  return d;
}

function ramp(count: number, scale = 1): Float32Array {
  return Float32Array.from({ length: count }, (_, i) => (i - count / 2) * scale);
}

/** A model with a large and a small initializer, plus a Scan-like body holding a large initializer of its own. */
function sampleModel() {
  const b = new GraphBuilder('ext');
  const x = b.input('x', 'float32', [1, 300]);
  const big = b.initializer('Big', Tensor.float32([300], ramp(300)));
  const small = b.initializer('Small', Tensor.float32([4], [1, 2, 3, 4]));
  const ids = b.initializer('Ids', Tensor.int64([2], [2n ** 60n, -3n]));
  const body = new Graph({
    name: 'body',
    nodes: [new Node({ opType: 'Add', inputs: ['s', 'Inner'], outputs: ['s2'] })],
    inputs: [{ name: 's', type: { kind: 'tensor', elemType: 'float32', shape: [300] } }],
    outputs: [{ name: 's2', type: { kind: 'tensor', elemType: 'float32', shape: [300] } }],
    initializers: [['Inner', Tensor.float32([300], ramp(300, 0.5))]],
  });
  const y = b.op('Add', [x, big]);
  const z = b.op('Mul', [y, small]);
  b.node('Loop', ['', '', z], { body }, { outputs: ['w'] });
  b.output('w');
  b.output(ids);
  return b.model({ opset: 17 });
}

function tensorEntries(path: string): Record<string, [string, string][]> {
  const proto = onnx.ModelProto.decode(readFileSync(path));
  const out: Record<string, [string, string][]> = {};
  const visit = (g: onnx.IGraphProto) => {
    for (const t of g.initializer ?? []) if (t.dataLocation === 1) out[t.name ?? ''] = (t.externalData ?? []).map((e) => [e.key ?? '', e.value ?? '']);
    for (const node of g.node ?? []) for (const a of node.attribute ?? []) if (a.g) visit(a.g);
  };
  visit(proto.graph as onnx.GraphProto);
  return out;
}

describe('external data', () => {
  it('is off by default', () => {
    const dir = folder();
    saveModel(sampleModel(), join(dir, 'model.onnx'));
    expect(existsSync(join(dir, 'model.onnx.data'))).toBe(false);
    expect(tensorEntries(join(dir, 'model.onnx'))).toEqual({});
  });

  it('moves initializers of at least 1024 bytes (subgraphs included) into one file and loads them back', () => {
    const dir = folder();
    const model = sampleModel();
    const path = join(dir, 'model.onnx');
    saveModel(model, path, { externalData: true });
    expect(tensorEntries(path)).toEqual({
      Big: [
        ['location', 'model.onnx.data'],
        ['offset', '0'],
        ['length', '1200'],
      ],
      Inner: [
        ['location', 'model.onnx.data'],
        ['offset', '1200'],
        ['length', '1200'],
      ],
    });
    const data = readFileSync(join(dir, 'model.onnx.data'));
    expect(data.length).toBe(2400);
    // The first tensor's bytes are its little-endian float32 values.
    expect(new Float32Array(new Uint8Array(data.subarray(0, 1200)).buffer)).toEqual(ramp(300));
    expect(diffModels(loadModel(path), model)).toEqual([]);
  });

  it('honours threshold, location and alignment options', () => {
    const dir = folder();
    const path = join(dir, 'net.onnx');
    saveModel(sampleModel(), path, { externalData: { threshold: 16, location: 'weights.bin', align: 4096 } });
    const entries = tensorEntries(path);
    expect(Object.keys(entries).sort()).toEqual(['Big', 'Ids', 'Inner', 'Small']);
    const offsets = Object.values(entries).map((e) => Number(e.find(([k]) => k === 'offset')?.[1]));
    expect(offsets.every((o) => o % 4096 === 0)).toBe(true);
    expect(statSync(join(dir, 'weights.bin')).size).toBeGreaterThan(2 * 4096);
    expect(diffModels(loadModel(path), sampleModel())).toEqual([]);
  });

  it('decodes from bytes with a base folder, and explains the missing folder otherwise', () => {
    const dir = folder();
    const path = join(dir, 'model.onnx');
    saveModel(sampleModel(), path, { externalData: true });
    const bytes = readFileSync(path);
    expect(diffModels(decodeModel(bytes, { baseDir: dir }), sampleModel())).toEqual([]);
    expect(() => decodeModel(bytes, { fileName: 'model.onnx' })).toThrow(ExternalDataError);
    expect(() => decodeModel(bytes, { fileName: 'model.onnx' })).toThrow(/initializer 'Big'.*model\.onnx\.data.*baseDir/);
  });

  it('reads offsets and lengths written by other tools, including a subfolder location', () => {
    const dir = folder();
    mkdirSync(join(dir, 'weights'));
    const values = Float32Array.from([0.5, -1.5, 2, 8]);
    const file = new Uint8Array(64);
    file.set(new Uint8Array(values.buffer), 20);
    writeFileSync(join(dir, 'weights', 'w.bin'), file);
    const bytes = modelBytes({
      initializers: [externalTensor('W', [2, 2], [['location', 'weights/w.bin'], ['offset', '20'], ['length', '16'], ['checksum', 'ignored']])],
    });
    writeFileSync(join(dir, 'model.onnx'), bytes);
    const w = loadModel(join(dir, 'model.onnx')).graph.initializers.get('W');
    expect([...(w?.data ?? [])]).toEqual([0.5, -1.5, 2, 8]);
    // Without a length, the tensor runs to the end of the file, which must then match its size.
    writeFileSync(join(dir, 'tail.bin'), new Uint8Array(values.buffer));
    writeFileSync(join(dir, 'tail.onnx'), modelBytes({ initializers: [externalTensor('T', [4], [['location', 'tail.bin']])] }));
    expect([...(loadModel(join(dir, 'tail.onnx')).graph.initializers.get('T')?.data ?? [])]).toEqual([0.5, -1.5, 2, 8]);
  });

  it('refuses to write outside the model folder', () => {
    const dir = folder();
    expect(() => saveModel(sampleModel(), join(dir, 'm.onnx'), { externalData: { location: '../elsewhere.bin' } })).toThrow(ExternalDataError);
    expect(() => saveModel(sampleModel(), join(dir, 'm.onnx'), { externalData: { location: '/tmp/abs.bin' } })).toThrow(ExternalDataError);
    expect(() => saveModel(sampleModel(), join(dir, 'm.onnx'), { externalData: { location: 'm.onnx' } })).toThrow(/model file/);
  });

  it('encodeModel keeps everything inline', () => {
    const proto = onnx.ModelProto.decode(encodeModel(sampleModel()));
    expect((proto.graph as onnx.GraphProto).initializer.every((t) => t.dataLocation !== 1 && (t.rawData?.length ?? 0) > 0)).toBe(true);
  });
});
