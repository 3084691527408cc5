import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LimitError } from '@scanflow/ir';
import { decodeModel, decodeTensor, ExternalDataError, loadModel, OnnxFormatError } from './index';
import { deeplyNested, externalTensor, modelBytes, pseudoRandomBytes, tensorBytes } from './testing/build-proto.test-support';
import { ONNX_NODE_DIR } from './testing/conformance.test-support';

const root = mkdtempSync(join(tmpdir(), 'scanflow-onnx-hostile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let folders = 0;
/** A fresh folder holding `model.onnx` (and optional other files); returns the model path. */
function modelFolder(bytes: Uint8Array, files: Record<string, Uint8Array> = {}): string {
  const dir = join(root, `case${folders++}`);
  mkdirSync(dir);
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  writeFileSync(join(dir, 'model.onnx'), bytes);
  return join(dir, 'model.onnx');
}

function expectError(fn: () => unknown, cls: abstract new (...args: never[]) => Error, ...parts: string[]): Error {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected an error').toBeInstanceOf(cls);
  const msg = (caught as Error).message;
  for (const p of parts) expect(msg).toContain(p);
  return caught as Error;
}

const sixteenBytes = new Uint8Array(16).fill(7);

describe('hostile and broken protobuf', () => {
  const scan = new Uint8Array(readFileSync(join(ONNX_NODE_DIR, 'test_scan9_sum', 'model.onnx')));

  it('rejects a truncated model, naming the file', () => {
    for (const cut of [scan.length - 1, Math.floor(scan.length / 2), 40, 3]) {
      const e = expectError(() => decodeModel(scan.subarray(0, cut), { fileName: 'scan.onnx' }), OnnxFormatError, 'scan.onnx');
      expect((e as OnnxFormatError).code).toBe('ONNX_INVALID');
    }
    const path = modelFolder(scan.subarray(0, scan.length - 7));
    expectError(() => loadModel(path), OnnxFormatError, path);
  });

  it('rejects random garbage bytes with an OnnxFormatError, never a protobufjs error', () => {
    for (let seed = 1; seed <= 40; seed++) {
      expectError(() => decodeModel(pseudoRandomBytes(300, seed), { fileName: 'garbage.onnx' }), OnnxFormatError, 'garbage.onnx');
    }
    expectError(() => decodeModel(new Uint8Array(0), { fileName: 'empty.onnx' }), OnnxFormatError, 'empty.onnx', 'empty');
  });

  it('rejects absurd and negative dimensions, naming the tensor', () => {
    const huge = modelBytes({ initializers: [{ name: 'Huge', dims: [2 ** 40], dataType: 1 }] });
    expectError(() => decodeModel(huge, { fileName: 'huge.onnx' }), OnnxFormatError, "'Huge'", 'huge.onnx');
    const neg = modelBytes({ initializers: [{ name: 'Neg', dims: [2, -1], dataType: 1, rawData: new Uint8Array(8) }] });
    expectError(() => decodeModel(neg, { fileName: 'neg.onnx' }), OnnxFormatError, "'Neg'", 'neg.onnx', '-1');
  });

  it('rejects raw_data shorter than the shape needs', () => {
    const bytes = modelBytes({ initializers: [{ name: 'W', dims: [2, 3], dataType: 1, rawData: new Uint8Array(20) }] });
    expectError(() => decodeModel(bytes, { fileName: 'short.onnx' }), OnnxFormatError, "'W'", 'short.onnx', '20 bytes', '24');
  });

  it('rejects an unknown element type', () => {
    const bytes = modelBytes({ initializers: [{ name: 'Odd', dims: [1], dataType: 99, rawData: new Uint8Array(1) }] });
    expectError(() => decodeModel(bytes, { fileName: 'odd.onnx' }), OnnxFormatError, "'Odd'", 'odd.onnx', 'data_type 99');
  });

  it('rejects a graph attribute without a graph', () => {
    const bytes = modelBytes({ nodes: [{ opType: 'Scan', name: 'loop', input: ['x'], output: ['y'], attribute: [{ name: 'body', type: 5 }] }] });
    expectError(() => decodeModel(bytes, { fileName: 'scan.onnx' }), OnnxFormatError, "node 'loop'", "attribute 'body'", 'without a graph', 'scan.onnx');
  });

  it('rejects a typed data field that does not match the element type', () => {
    const bytes = tensorBytes({ name: 'T', dims: [2], dataType: 7, floatData: [1, 2] });
    expectError(() => decodeTensor(bytes, { fileName: 't.pb' }), OnnxFormatError, "'T'", 't.pb', 'float_data', 'int64');
  });
});

describe('hostile nesting', () => {
  it('refuses absurdly deep subgraphs before decoding them (maxNesting), and survives a stack overflow when the limit is lifted', () => {
    expect(decodeModel(deeplyNested(3)).graph.nodes[0].opType).toBe('If');
    const e = expectError(() => decodeModel(deeplyNested(200_000), { fileName: 'deep.onnx' }), LimitError, 'deep.onnx', 'maxNesting = 16');
    expect((e as LimitError).limit).toBe('maxNesting');
    expectError(() => decodeModel(deeplyNested(17), { fileName: 'deep.onnx' }), LimitError, 'nested more than 16 deep');
    expect(decodeModel(deeplyNested(17), { maxNesting: 17 }).graph.nodes[0].opType).toBe('If');
    expectError(() => decodeModel(deeplyNested(200_000), { fileName: 'deep.onnx', maxNesting: Infinity }), OnnxFormatError, 'deep.onnx');
  });
});

describe('hostile external data', () => {
  it('refuses a location escaping the folder (../secret.bin)', () => {
    const path = modelFolder(modelBytes({ initializers: [externalTensor('W', [4], [['location', '../secret.bin']])] }));
    writeFileSync(join(path, '..', '..', 'secret.bin'), sixteenBytes);
    expectError(() => loadModel(path), ExternalDataError, "'W'", '../secret.bin', path);
  });

  it('refuses an absolute location', () => {
    const path = modelFolder(modelBytes({ initializers: [externalTensor('W', [4], [['location', '/etc/passwd']])] }));
    const e = expectError(() => loadModel(path), ExternalDataError, "'W'", '/etc/passwd', 'absolute');
    expect((e as ExternalDataError).code).toBe('EXTERNAL_DATA');
  });

  it('refuses a symlink pointing outside the folder', () => {
    const outside = join(root, 'outside-secret.bin');
    writeFileSync(outside, sixteenBytes);
    const path = modelFolder(modelBytes({ initializers: [externalTensor('W', [4], [['location', 'link.bin']])] }));
    symlinkSync(outside, join(path, '..', 'link.bin'));
    expectError(() => loadModel(path), ExternalDataError, "'W'", 'link.bin', 'symlink', path);
  });

  it('refuses an offset or length beyond the end of the file', () => {
    const far = modelFolder(modelBytes({ initializers: [externalTensor('W', [4], [['location', 'w.bin'], ['offset', '64']])] }), { 'w.bin': sixteenBytes });
    expectError(() => loadModel(far), ExternalDataError, "'W'", 'w.bin', 'offset 64', far);
    const long = modelFolder(
      modelBytes({ initializers: [externalTensor('W', [4], [['location', 'w.bin'], ['offset', '8'], ['length', '16']])] }),
      { 'w.bin': sixteenBytes },
    );
    expectError(() => loadModel(long), ExternalDataError, "'W'", 'w.bin', 'beyond the end', long);
  });

  it('refuses an unknown external-data key', () => {
    const path = modelFolder(modelBytes({ initializers: [externalTensor('W', [4], [['location', 'w.bin'], ['compression', 'zstd']])] }), {
      'w.bin': sixteenBytes,
    });
    expectError(() => loadModel(path), ExternalDataError, "'W'", "unknown external data key 'compression'", path);
  });

  it('refuses a non-integer offset and a length that does not match the tensor', () => {
    const bad = modelFolder(modelBytes({ initializers: [externalTensor('W', [4], [['location', 'w.bin'], ['offset', '-4']])] }), { 'w.bin': sixteenBytes });
    expectError(() => loadModel(bad), ExternalDataError, "'W'", "'-4'", 'non-negative integer');
    const size = modelFolder(modelBytes({ initializers: [externalTensor('W', [3], [['location', 'w.bin'], ['length', '16']])] }), { 'w.bin': sixteenBytes });
    expectError(() => loadModel(size), ExternalDataError, "'W'", 'length 16', '12 bytes');
  });

  it('refuses a missing external file', () => {
    const path = modelFolder(modelBytes({ initializers: [externalTensor('W', [4], [['location', 'nowhere.bin']])] }));
    expectError(() => loadModel(path), ExternalDataError, "'W'", 'nowhere.bin', 'does not exist');
  });

  it('explains that bytes without a base folder cannot resolve external data', () => {
    const bytes = modelBytes({ initializers: [externalTensor('W', [4], [['location', 'w.bin']])] });
    expectError(() => decodeModel(bytes, { fileName: 'mem.onnx' }), ExternalDataError, "'W'", 'w.bin', 'mem.onnx', 'baseDir');
  });
});
