import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantLstm } from '@scanflow/builders';
import { readTensorFile, saveModel } from '@scanflow/onnx-io';
import { beforeEach, describe, expect, it } from 'vitest';
import { main } from './program';
import { capture } from './testing/capture-io.test-support';

const CONFORMANCE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'conformance', 'onnx-node');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scanflow-cli-'));
});

describe('scanflow run', () => {
  it('simulates an ONNX test case and writes outputs matching its expected data', async () => {
    const tc = join(CONFORMANCE, 'test_simple_rnn_defaults');
    const io = capture();
    const code = await main(['run', join(tc, 'model.onnx'), '--inputs', join(tc, 'test_data_set_0'), '--outputs', join(dir, 'out')], io);
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    const got = readTensorFile(join(dir, 'out', 'output_0.pb')).tensor;
    const want = readTensorFile(join(tc, 'test_data_set_0', 'output_0.pb')).tensor;
    expect(got.dims).toEqual(want.dims);
    const g = got.data as Float32Array;
    const w = want.data as Float32Array;
    for (let i = 0; i < w.length; i++) expect(Math.abs(g[i] - w[i])).toBeLessThanOrEqual(1e-7 + 1e-3 * Math.abs(w[i]));
  });

  it('refuses to overwrite outputs unless --force is given', async () => {
    const tc = join(CONFORMANCE, 'test_simple_rnn_defaults');
    const args = ['run', join(tc, 'model.onnx'), '--inputs', join(tc, 'test_data_set_0'), '--outputs', dir];
    writeFileSync(join(dir, 'output_0.pb'), 'mine');
    const io = capture();
    expect(await main(args, io)).toBe(2);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/--outputs '.*' exists and is not empty; pass --force to replace it as a whole/);
    expect(await main([...args, '--force'], capture())).toBe(0);
  });

  it('says how many inputs the model takes when the folder holds a different number', async () => {
    const tc = join(CONFORMANCE, 'test_simple_rnn_defaults');
    const only = join(dir, 'only');
    cpSync(join(tc, 'test_data_set_0', 'input_0.pb'), join(only, 'input_0.pb'));
    const io = capture();
    // an input problem (exit 1), not a command-line one
    expect(await main(['run', join(tc, 'model.onnx'), '--inputs', only, '--outputs', join(dir, 'o')], io)).toBe(1);
    expect(io.stderr[0]).toMatch(/takes 3 input\(s\) \('X', 'W', 'R'\), but .* holds 1 input_N\.pb file/);
    expect(existsSync(join(dir, 'o'))).toBe(false);
  });

  it('gives a one-line error for a missing or garbage model file, and for a bad flag', async () => {
    let io = capture();
    expect(await main(['run', join(dir, 'nope.onnx'), '--inputs', dir, '--outputs', join(dir, 'o')], io)).toBe(1);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/nope\.onnx/);

    writeFileSync(join(dir, 'junk.onnx'), Buffer.from('this is not a protobuf at all \x00\xff\xfe'));
    io = capture();
    expect(await main(['run', join(dir, 'junk.onnx'), '--inputs', dir, '--outputs', join(dir, 'o')], io)).toBe(1);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/junk\.onnx/);
    expect(io.stderr[0]).not.toMatch(/\n\s+at /);

    io = capture();
    expect(await main(['run', 'm.onnx', '--inputs', dir, '--outputs', dir, '--bogus'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/unknown option '--bogus'/);
  });
});

describe('scanflow inspect', () => {
  it('summarises a quantised LSTM: ops, the Scan body and inferred types', async () => {
    const path = join(dir, 'qlstm.onnx');
    saveModel(quantLstm({ inputSize: 10, hiddenSize: 20, seqLen: 100 }), path);
    const io = capture();
    expect(await main(['inspect', path], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/ops: DequantizeLinear ×2, QuantizeLinear ×2, Scan ×1/);
    expect(text).toMatch(/Scan 'lstm' attribute 'body':/);
    expect(text).toMatch(/DequantizeLinear ×22, QuantizeLinear ×22, Add ×9/);
    expect(text).toMatch(/h_seq: float32\[100, 20, 1\]/);

    const json = capture();
    expect(await main(['inspect', path, '--json'], json)).toBe(0);
    const summary = JSON.parse(json.stdout.join('\n'));
    expect(summary.graph.subgraphs[0].graph.nodes).toBe(78);
    expect(summary.opsets['ai.onnx']).toBe(14);
  });
});

describe('scanflow verify', () => {
  it('simulates every stage of a QCDQ LSTM on the same random inputs and finds them bit-exact', async () => {
    const path = join(dir, 'qlstm.onnx');
    saveModel(quantLstm({ inputSize: 4, hiddenSize: 5, seqLen: 7, quant: { acc: 6, sigmoid: 4 } }), path);
    const io = capture();
    expect(await main(['verify', path, '--seed', '3'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/inputs: random \(seed 3\): X \[7, 4, 1\]/);
    expect(text).toMatch(/import .* vs previous: bit-exact/);
    expect(text).toMatch(/qonnx .* vs previous: bit-exact/);
    // c_final: the QONNX graph adds two grid values in float32, the streamlined one adds integers, so it may differ in the last bit
    expect(text).toMatch(/streamlined .* vs previous: (bit-exact|within tolerance \(max \|Δ\| [0-9.]+e-8)/);
    expect(text).toMatch(/hardware .* vs previous: bit-exact/);
    expect(text).toMatch(/hls-csim +g\+\+ C-simulation of the generated HLS C\+\+: accelerator ports vs the hardware stage bit-exact \(\d+ elements, 0 mismatches\)/);
    // the model's outputs, completed by the host part around the C++'s, against the original (c_final may differ in the last bit, see above)
    // T is fixed by the model: one case, at the model's length (the accelerator still has its seq_len register)
    expect(text).toMatch(/completed by the host part at sequence length 7, vs the original model: (bit-exact|within tolerance)/);
    expect(text).not.toMatch(/at sequence length [^7]/);
    expect(text).toMatch(/preconditions: none/); // the builder's zero initial states are constants on the grid
    expect(text).toMatch(/first divergence: none/);
    const json = capture();
    expect(await main(['verify', path, '--json'], json)).toBe(0);
    const report = JSON.parse(json.stdout.join('\n'));
    expect(report.stages.map((s: { stage: string }) => s.stage)).toEqual(['import', 'qonnx', 'streamlined', 'hardware']);
    expect(report.stages.every((s: { vsReference: { withinTolerance: boolean } }) => s.vsReference.withinTolerance)).toBe(true);
    expect(report.stages[1].vsReference.exact).toBe(true);
    expect(report.csim.passed).toBe(true);
  });

  it('checks an open sequence length at two run-time lengths (the seq_len register)', async () => {
    const path = join(dir, 'qlstm-dynamic.onnx');
    saveModel(quantLstm({ inputSize: 3, hiddenSize: 4 }), path);
    const io = capture();
    expect(await main(['verify', path, '--seq-len', '6'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/inputs: random \(seed 1\): X \[6, 3, 1\]/);
    expect(text).toMatch(/completed by the host part at sequence length 6, vs the original model: (bit-exact|within tolerance)/);
    expect(text).toMatch(/completed by the host part at sequence length 3, vs the original model: (bit-exact|within tolerance)/);
  });

  it('lowers an ONNX LSTM test case and agrees with it within tolerance', async () => {
    const tc = join(CONFORMANCE, 'test_lstm_with_peepholes');
    const io = capture();
    // a float LSTM with peepholes: no hardware, which verify reports unless the host is allowed to keep it
    expect(await main(['verify', join(tc, 'model.onnx'), '--inputs', join(tc, 'test_data_set_0')], io)).toBe(1);
    expect(io.stdout.join('\n')).toMatch(/problem: .*stay on the host \(Scan/);
    const allowed = capture();
    expect(await main(['verify', join(tc, 'model.onnx'), '--inputs', join(tc, 'test_data_set_0'), '--allow-host-ops'], allowed)).toBe(0);
    expect(allowed.stdout.join('\n')).toMatch(/first divergence: none/);
  });

  it('rejects malformed --dim and --rtol values with a usage error', async () => {
    let io = capture();
    expect(await main(['verify', 'm.onnx', '--dim', 'T'], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/--dim T: expected NAME=SIZE/);
    io = capture();
    expect(await main(['verify', 'm.onnx', '--rtol', 'tiny'], io)).toBe(2);
    expect(io.stderr.join(' ')).toMatch(/--rtol takes a number, got 'tiny'/);
  });
});
