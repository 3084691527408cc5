import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LimitError } from '@scanflow/ir';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeModel, ExternalDataError, FileReadError, loadModel, readTensorFile } from './index';
import { externalTensor, modelBytes, tensorBytes } from './testing/build-proto.test-support';
import { ONNX_NODE_DIR } from './testing/conformance.test-support';

const root = mkdtempSync(join(tmpdir(), 'scanflow-onnx-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function caught(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

const scanModel = join(ONNX_NODE_DIR, 'test_scan9_sum', 'model.onnx');

describe('files that are not regular files', () => {
  it('refuses /dev/zero and /dev/urandom at once instead of reading gigabytes', () => {
    for (const dev of ['/dev/zero', '/dev/urandom']) {
      if (!existsSync(dev)) continue;
      const e = caught(() => loadModel(dev));
      expect(e).toBeInstanceOf(FileReadError);
      expect(e.message).toBe(`ONNX model file '${dev}' is a character device; expected a regular file`);
      expect((e as FileReadError).category).toBe('input');
    }
  });

  it('refuses a FIFO without blocking, and a folder', () => {
    const fifo = join(root, 'model.fifo');
    execFileSync('mkfifo', [fifo]);
    expect(caught(() => loadModel(fifo)).message).toMatch(/is a FIFO \(named pipe\); expected a regular file/);
    expect(caught(() => readTensorFile(fifo)).message).toMatch(/tensor file '.*model\.fifo' is a FIFO/);
    expect(caught(() => loadModel(root)).message).toMatch(/is a folder; expected a regular file/);
  });

  it('names a missing file', () => {
    const e = caught(() => loadModel(join(root, 'nope.onnx')));
    expect(e).toBeInstanceOf(FileReadError);
    expect(e.message).toMatch(/cannot read ONNX model file '.*nope\.onnx': no such file/);
  });
});

describe('size limits', () => {
  it('refuses a model file over maxModelBytes, naming the limit', () => {
    const e = caught(() => loadModel(scanModel, { maxModelBytes: 100 }));
    expect(e).toBeInstanceOf(LimitError);
    expect((e as LimitError).limit).toBe('maxModelBytes');
    expect(e.message).toMatch(/over the limit maxModelBytes = 100 bytes \(raise it with the maxModelBytes load option\)/);
    expect(loadModel(scanModel).graph.nodes.length).toBe(1);
  });

  it('refuses a tensor over maxTensorElements before allocating it', () => {
    const bytes = modelBytes({ initializers: [{ name: 'Big', dims: [4096, 4096], dataType: 1, rawData: new Uint8Array(4 * 4096 * 4096) }] });
    const e = caught(() => decodeModel(bytes, { fileName: 'big.onnx', maxTensorElements: 1 << 20 }));
    expect(e).toBeInstanceOf(LimitError);
    expect(e.message).toMatch(/big\.onnx.*'Big'.*16777216 elements, over the limit maxTensorElements = 1048576 .*--max-elements/);
    expect(decodeModel(bytes).graph.initializers.get('Big')!.size).toBe(4096 * 4096);
    const tensorPath = join(root, 'input_0.pb');
    writeFileSync(tensorPath, tensorBytes({ name: 'x', dims: [100], dataType: 1, rawData: new Uint8Array(400) }));
    const t = caught(() => readTensorFile(tensorPath, { maxTensorElements: 10 }));
    expect(t).toBeInstanceOf(LimitError);
    expect((t as LimitError).category).toBe('input');
  });

  it('refuses more nodes than maxNodes before protobufjs builds them', () => {
    const nodes = Array.from({ length: 50 }, (_, i) => ({ opType: 'Relu', input: [i ? `v${i - 1}` : 'x'], output: [`v${i}`] }));
    const e = caught(() => decodeModel(modelBytes({ nodes }), { fileName: 'many.onnx', maxNodes: 49 }));
    expect(e).toBeInstanceOf(LimitError);
    expect(e.message).toMatch(/many\.onnx: the model has more than 49 nodes, over the limit maxNodes = 49/);
    expect(decodeModel(modelBytes({ nodes }), { maxNodes: 50 }).graph.nodes.length).toBe(50);
  });

  it('caps the external data one model may read in total (many tensors on one region)', () => {
    const dir = join(root, 'ext');
    mkdirSync(dir);
    writeFileSync(join(dir, 'w.bin'), new Uint8Array(1024));
    const initializers = Array.from({ length: 8 }, (_, i) => externalTensor(`W${i}`, [256], [['location', 'w.bin']]));
    writeFileSync(join(dir, 'model.onnx'), modelBytes({ initializers }));
    expect(loadModel(join(dir, 'model.onnx')).graph.initializers.size).toBe(8);
    const e = caught(() => loadModel(join(dir, 'model.onnx'), { maxExternalDataBytes: 4096 }));
    expect(e).toBeInstanceOf(LimitError);
    expect(e.message).toMatch(/'W4'.*maxExternalDataBytes = 4096 bytes/);
    expect(readFileSync(join(dir, 'w.bin')).length).toBe(1024);
  });

  it('refuses an external data file that is a FIFO without blocking', () => {
    const dir = join(root, 'extfifo');
    mkdirSync(dir);
    execFileSync('mkfifo', [join(dir, 'w.bin')]);
    writeFileSync(join(dir, 'model.onnx'), modelBytes({ initializers: [externalTensor('W', [4], [['location', 'w.bin']])] }));
    expect(caught(() => loadModel(join(dir, 'model.onnx')))).toBeInstanceOf(ExternalDataError);
  });
});
