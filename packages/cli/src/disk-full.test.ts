import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantLstm } from '@scanflow/builders';
import { saveModel } from '@scanflow/onnx-io';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from './program';
import { capture } from './testing/capture-io.test-support';

/**
 * A full disk, mocked: every write of a file whose name matches `failing` throws ENOSPC (after
 * writing nothing), as writeFileSync does when the device is full. The command must fail with one
 * line and leave the output folder exactly as it was — no truncated model, no 0-byte output.
 */
const failing = vi.hoisted(() => ({ pattern: undefined as RegExp | undefined }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeFileSync: typeof fs.writeFileSync = (file, data, options) => {
    if (failing.pattern && typeof file === 'string' && failing.pattern.test(file)) {
      throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    }
    return fs.writeFileSync(file, data, options);
  };
  return { ...fs, default: { ...fs, writeFileSync }, writeFileSync };
});

const CONFORMANCE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'conformance', 'onnx-node');

let dir: string;
let model: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scanflow-disk-full-'));
  model = join(dir, 'lstm.onnx');
  saveModel(quantLstm({ inputSize: 2, hiddenSize: 2, seqLen: 2, seed: 1 }), model);
});

describe('a full disk while writing the output', () => {
  it('compile: a failed write of 4-hardware.onnx leaves the previous --out untouched and nothing half-written', async () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'previous.txt'), 'previous run');
    failing.pattern = /4-hardware\.onnx$/;
    const io = capture();
    const code = await main(['compile', model, '--out', out, '--force', '--no-csim'], io);
    failing.pattern = undefined;
    expect(code).toBe(1);
    expect(io.stderr).toEqual([expect.stringMatching(/^scanflow: environment error \[OUTPUT_WRITE\]: cannot write 'stages\/4-hardware\.onnx' for --out '.*out': no space left on the device \(ENOSPC\); nothing was changed there$/)]);
    expect(readdirSync(out)).toEqual(['previous.txt']);
    expect(readFileSync(join(out, 'previous.txt'), 'utf8')).toBe('previous run');
    expect(readdirSync(dir).filter((e) => e.includes('.scanflow-'))).toEqual([]);
  });

  it('run: a failed write of output_0.pb leaves no 0-byte file and no --outputs folder', async () => {
    const tc = join(CONFORMANCE, 'test_simple_rnn_defaults');
    const outputs = join(dir, 'outputs');
    failing.pattern = /output_0\.pb$/;
    const io = capture();
    const code = await main(['run', join(tc, 'model.onnx'), '--inputs', join(tc, 'test_data_set_0'), '--outputs', outputs], io);
    failing.pattern = undefined;
    expect(code).toBe(1);
    expect(io.stderr).toEqual([expect.stringMatching(/cannot write 'output_0\.pb' for --outputs .*no space left on the device \(ENOSPC\)/)]);
    expect(existsSync(outputs)).toBe(false);
    expect(readdirSync(dir).filter((e) => e.includes('.scanflow-'))).toEqual([]);
  });
});
