import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantConvLstm, quantLstm } from '@scanflow/builders';
import { coreOps, createRegistry } from '@scanflow/ir';
import { loadModel, saveModel } from '@scanflow/onnx-io';
import { coreKernels, Simulator } from '@scanflow/sim';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../program';
import { compileCommand } from './compile';
import { pythonWithNumpy, runPython } from '../testing/python.test-support';
import { randomInputs } from '../flow/random-inputs';
import { capture } from '../testing/capture-io.test-support';

/**
 * `scanflow compile` writes the board folder, and the generated PYNQ driver's NumPy reference path
 * reproduces the simulator: on the HLS testbench's integer vectors (bit-exact at every output port),
 * and from the float graph inputs to the float graph outputs (host quantisers → pack → reference →
 * unpack → de-quantisation) against the simulated hardware-stage model, float32 for float32.
 */
const python = pythonWithNumpy();
if (!python) console.warn('compile-board.test: no python3 with NumPy (Debian: python3-numpy): the driver checks are skipped');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const W8A6 = { weight: 8, input: 8, hidden: 8, acc: 6, sigmoid: 6, tanh: 6, cell: 6, hiddenTanh: 6 };
const cases: [string, () => Parameters<typeof saveModel>[0], string[]][] = [
  ['FINN-GL 10 → 20 W8A6 LSTM, T = 30', () => quantLstm({ inputSize: 10, hiddenSize: 20, seqLen: 30, seed: 2025, quant: W8A6 }), ['--explore', '--budget', '0.1']],
  ['ConvLSTM', () => quantConvLstm({ window: 20, features: 8, channels: [4, 4, 8], hiddenSize: 8, seed: 4 }), []],
  ['LSTM with an open sequence length (seq_len register), at T = 6', () => quantLstm({ inputSize: 3, hiddenSize: 4, seed: 7 }), ['--seq-len', '6']],
];

/** Runs the generated driver's float path (reference backend) on `inputs`; its outputs, flat. */
function runDriver(python: string, dir: string, driverDir: string, inputs: readonly { data: unknown }[]): number[][] {
  writeFileSync(join(dir, 'inputs.json'), JSON.stringify({ inputs: inputs.map((t) => Array.from(t.data as Float32Array)) }));
  const run = runPython(python, ['scanflow_top_driver.py', '--inputs', join(dir, 'inputs.json'), '--outputs', join(dir, 'outputs.json')], driverDir);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(readFileSync(join(dir, 'outputs.json'), 'utf8')).outputs;
}

describe('scanflow compile: board folder and the driver reference path', () => {
  it.each(cases)('%s', async (_name, build, extra) => {
    const dir = mkdtempSync(join(tmpdir(), 'scanflow-board-'));
    dirs.push(dir);
    const modelPath = join(dir, 'model.onnx');
    const model = build();
    saveModel(model, modelPath);
    const out = join(dir, 'out');
    const io = capture();
    expect(await main(['compile', modelPath, '--out', out, '--no-csim', ...extra], io)).toBe(0);
    expect(io.stderr).toEqual([]);
    for (const f of ['board/block_design.tcl', 'board/build_bitstream.tcl', 'board/driver/scanflow_top_driver.py', 'board/driver/interface.json', 'board/driver/accelerator.json', 'hls/interface.json', 'report.json', 'report.html']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    expect(readFileSync(join(out, 'board/driver/interface.json'), 'utf8')).toBe(readFileSync(join(out, 'hls/interface.json'), 'utf8'));
    if (!python) return;
    const driverDir = join(out, 'board', 'driver');
    const compiled = runPython(python, ['-m', 'py_compile', join(driverDir, 'scanflow_top_driver.py')]);
    expect(compiled.stderr).toBe('');
    expect(compiled.status).toBe(0);

    // integer path: the testbench's port vectors (inputs from the host part, expected from the hardware layers)
    const vectors = runPython(python, ['scanflow_top_driver.py', '--check-vectors', join(out, 'hls', 'tb')], driverDir);
    expect(vectors.stderr).toBe('');
    expect(vectors.stdout).toMatch(/^SCANFLOW DRIVER PASS cases=\d+ checked=\d+ mismatches=0$/m);
    expect(Number(/checked=(\d+)/.exec(vectors.stdout)![1])).toBeGreaterThan(0);

    // float path: compile's inputs (seed 1) through the driver vs the simulated hardware stage
    const seqLen = extra.includes('--seq-len') ? Number(extra[extra.indexOf('--seq-len') + 1]) : undefined;
    const inputs = randomInputs(model.graph, 1, new Map(), seqLen);
    const got = runDriver(python, dir, driverDir, inputs);
    const hardware = loadModel(join(out, 'stages', '4-hardware.onnx'));
    const expected = new Simulator(hardware, { registry: createRegistry([coreOps(), coreKernels()]) }).run(inputs).outputs;
    expect(got.length).toBe(expected.length);
    expected.forEach((t, k) => {
      const want = Array.from(t.data as Float32Array);
      expect(got[k]!.length, `output ${k}`).toBe(want.length);
      expect(got[k]!.map(Math.fround), `output ${k}`).toEqual(want);
      expect(want.some((v) => v !== 0), `output ${k} is not all zero`).toBe(true);
    });
    if (seqLen === undefined) return;
    // the same driver at another run-time sequence length (seq_len register), against the original model
    const shorter = randomInputs(model.graph, 2, new Map(), 3);
    const got3 = runDriver(python, dir, driverDir, shorter);
    const original = new Simulator(model, { registry: createRegistry([coreOps(), coreKernels()]) }).run(shorter).outputs;
    original.forEach((t, k) => {
      const want = Array.from(t.data as Float32Array);
      expect(got3[k]!.length, `output ${k} at T = 3`).toBe(want.length);
      got3[k]!.forEach((v, i) => expect(Math.abs(v - want[i]!), `output ${k}[${i}] at T = 3`).toBeLessThanOrEqual(1e-6 + 1e-5 * Math.abs(want[i]!)));
    });
  }, 120_000);
});

describe('scanflow compile: utilisation check against the board', () => {
  // every MVAU of a 10 → 40 LSTM fully parallel: 4 · (40 · 10) + 4 · (40 · 40) = 8,000 8 × 8-bit multipliers,
  // built in LUTs (scanflow's policy below 10 × 10 bits): far more than the XCZU7EV's 230,400 LUTs
  const layers = { MatMul_n_mvau_1: 10, MatMul_n_20_mvau_1: 10, MatMul_n_37_mvau_1: 10, MatMul_n_54_mvau_1: 10, MatMul_n_6_mvau: 40, MatMul_n_21_mvau: 40, MatMul_n_38_mvau: 40, MatMul_n_55_mvau: 40 };
  const setup = () => {
    const dir = mkdtempSync(join(tmpdir(), 'scanflow-budget-'));
    dirs.push(dir);
    saveModel(quantLstm({ inputSize: 10, hiddenSize: 40, seqLen: 10, seed: 2025, quant: W8A6 }), join(dir, 'm.onnx'));
    writeFileSync(join(dir, 'fold.json'), JSON.stringify(Object.fromEntries(Object.entries(layers).map(([k, simd]) => [k, { pe: 40, simd }]))));
    return dir;
  };

  it('stops with exit 1 naming the resource, and writes nothing', async () => {
    const dir = setup();
    const io = capture();
    expect(await main(['compile', join(dir, 'm.onnx'), '--out', join(dir, 'out'), '--folding', join(dir, 'fold.json'), '--no-csim'], io)).toBe(1);
    expect(io.stderr).toHaveLength(1);
    const m = /^scanflow: model error \[OVER_BUDGET\]: the design needs more than the zcu104 has \(ESTIMATES\): LUT ([\d,]+) of 230,400 \(([\d.]+) %\); fold further .*--allow-overbudget$/.exec(io.stderr[0]!);
    expect(m, io.stderr[0]).not.toBeNull();
    expect(Number(m![2])).toBeGreaterThan(100);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  }, 60_000);

  it('writes everything with allowOverbudget, the report marking the resource over budget', async () => {
    const dir = setup();
    const io = capture();
    const out = join(dir, 'out');
    const code = await compileCommand(join(dir, 'm.onnx'), { board: 'zcu104', out, folding: join(dir, 'fold.json'), seed: 1, dim: [], force: false, csim: false, allowOverbudget: true }, io);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.utilisation.lut.available).toBe(230400);
    expect(report.utilisation.lut.used).toBeGreaterThan(230400);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/<tr class="over"><td>LUT<\/td><td>[\d,]+<\/td><td>230,400<\/td>/);
  }, 60_000);
});
