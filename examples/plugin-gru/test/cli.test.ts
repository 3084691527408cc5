import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CliIO, main } from '@scanflow/cli';
import { hasCppCompiler } from '@scanflow/hls-backend';
import { saveModel } from '@scanflow/onnx-io';
import { afterAll, describe, expect, it } from 'vitest';
import { quantGru } from '../src/index';
import { bindWeights } from './bind-weights';
import { gruCase } from './gru-case';

/**
 * The plugin through scanflow's command line (`main` of @scanflow/cli, as `scanflow` runs it):
 * without it a GRU is refused naming the op; with it (--plugin or scanflow.config.json) the
 * quantised GRU of the builder and the ONNX conformance GRUs (float cells: --cell-quant w8a6) go
 * through every stage, and verify agrees at every stage including the g++ C-simulation.
 */
const PLUGIN = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const CONFORMANCE = fileURLToPath(new URL('../../../../shared/conformance/onnx-node', import.meta.url));
const gxx = hasCppCompiler();
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'scanflow-gru-'));
  dirs.push(d);
  return d;
}

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

/** Runs verify and checks that every stage agrees, the g++ C-simulation included. */
async function verifyAgrees(args: string[], cwd?: string): Promise<string> {
  const io = capture();
  const code = await main(['verify', ...args], cwd ? { io, cwd } : io);
  const text = io.stdout.join('\n');
  expect(io.stderr, text).toEqual([]);
  expect(code, text).toBe(0);
  expect(text).toMatch(/hls-csim +g\+\+ C-simulation of the generated HLS C\+\+: accelerator ports vs the hardware stage bit-exact/);
  expect(text).toMatch(/first divergence: none/);
  for (const stage of ['streamlined', 'hardware']) expect(text).toMatch(new RegExp(`${stage} .*vs previous: bit-exact`));
  return text;
}

describe('the GRU plugin through the scanflow CLI', () => {
  it('without the plugin, compile refuses a GRU: exit 1, one line saying no pass lowers GRU, nothing written', async () => {
    const out = join(tmp(), 'out');
    const io = capture();
    expect(await main(['compile', join(CONFORMANCE, 'test_gru_with_initial_bias', 'model.onnx'), '--out', out, '--no-csim'], io)).toBe(1);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/^scanflow: model error \[PASS_FAILED\]: .*node 'GRU_0' \(GRU\): no registered pass lowers GRU .*load a plugin that lowers GRU/);
    expect(existsSync(out)).toBe(false);
  });

  it.skipIf(!gxx)('with --plugin: the quantised GRU (builder, linear_before_reset 1, per-path bit widths) compiles, C-simulation bit-exact', async () => {
    const dir = tmp();
    const model = join(dir, 'qgru.onnx');
    saveModel(quantGru({ inputSize: 3, hiddenSize: 4, seqLen: 5, seed: 3, linearBeforeReset: 1, quant: { update: { activation: 4 }, reset: { acc: 6 }, candidate: { activation: 5 } } }), model);
    const io = capture();
    const out = join(dir, 'out');
    const code = await main(['compile', model, '--out', out, '--plugin', PLUGIN], io);
    expect(io.stderr, io.stdout.join('\n')).toEqual([]);
    expect(code).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/recurrence gru: T = 5/);
    expect(text).toMatch(/C-simulation \(g\+\+, SIMULATION\): accelerator ports bit-exact/);
    expect(text).toMatch(/completed by the host part at sequence length 5: bit-exact against the original model/);
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).csim.passed).toBe(true);
  });

  it.skipIf(!gxx)('with scanflow.config.json naming the plugin: verify of the quantised GRU (builder, linear_before_reset 0) agrees at every stage', async () => {
    const dir = tmp();
    saveModel(quantGru({ inputSize: 2, hiddenSize: 3, seqLen: 4, seed: 5 }), join(dir, 'qgru.onnx'));
    writeFileSync(join(dir, 'scanflow.config.json'), JSON.stringify({ plugins: [PLUGIN] }));
    await verifyAgrees([join(dir, 'qgru.onnx')], dir);
  });

  it.skipIf(!gxx).each([
    ['test_gru_batchwise', 'scanflow.config.json'],
    ['test_gru_seq_length', '--plugin'],
    ['test_gru_with_initial_bias', '--plugin'],
  ])('%s (weights bound from test_data_set_0, batch entry 0), plugin by %s, --cell-quant w8a6: verify agrees at every stage, the C-simulation included', async (name, how) => {
    const dir = tmp();
    const c = bindWeights(join(CONFORMANCE, name), dir, { firstBatchEntry: true });
    const args = [c.model, '--inputs', c.inputs, '--cell-quant', 'w8a6'];
    if (how === '--plugin') args.push('--plugin', PLUGIN);
    else writeFileSync(join(dir, 'scanflow.config.json'), JSON.stringify({ plugins: [PLUGIN] }));
    const text = await verifyAgrees(args, how === '--plugin' ? undefined : dir);
    expect(text).toMatch(/cell-quant .*QUANTISATION STAGE/);
    expect(text).toMatch(/import .*vs original: (bit-exact|within tolerance)/);
  });

  it.skipIf(!gxx).each(['reverse', 'bidirectional'] as const)('a %s float GRU (batch 1) with --cell-quant w8a6 compiles: every direction in hardware, C-simulation bit-exact against the cell-quantised model', async (direction) => {
    const dir = tmp();
    const model = join(dir, `gru-${direction}.onnx`);
    saveModel(gruCase({ linearBeforeReset: 1, direction, sequenceLens: false, batch: 1, seqLen: 5 }).model, model);
    const io = capture();
    const code = await main(['compile', model, '--out', join(dir, 'out'), '--plugin', PLUGIN, '--cell-quant', 'w8a6'], io);
    const text = io.stdout.join('\n');
    expect(io.stderr, text).toEqual([]);
    expect(code).toBe(0);
    // one Recurrence per direction, both in the accelerator (nothing of the model's compute on the host)
    expect(text.match(/^ {2}recurrence /gm)).toHaveLength(direction === 'bidirectional' ? 2 : 1);
    expect(text).toMatch(/C-simulation \(g\+\+, SIMULATION\): accelerator ports bit-exact/);
    expect(text).toMatch(/completed by the host part at sequence length 5: bit-exact against the cell-quantised model/);
  });

  it('a float GRU cell without --cell-quant is refused by name (the plugin reports it to the core\'s float-cell check): exit 1, one line', async () => {
    const c = bindWeights(join(CONFORMANCE, 'test_gru_with_initial_bias'), tmp(), { firstBatchEntry: true });
    const io = capture();
    expect(await main(['compile', c.model, '--inputs', c.inputs, '--plugin', PLUGIN, '--out', join(tmp(), 'out'), '--no-csim'], io)).toBe(1);
    expect(io.stderr).toEqual([expect.stringMatching(/\[FLOAT_CELL\]: the GRU cell in the Scan body '.*' is not quantised \(no quantiser for forget_weight, .*\): .*--cell-quant w8a6/)]);
  });
});
