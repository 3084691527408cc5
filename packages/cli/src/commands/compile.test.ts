import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantConvLstm, quantLstm } from '@scanflow/builders';
import { hasCppCompiler } from '@scanflow/hls-backend';
import { saveModel } from '@scanflow/onnx-io';
import { describe, expect, it } from 'vitest';
import { main } from '../program';
import { capture } from '../testing/capture-io.test-support';

/**
 * `scanflow compile` end to end: every stage, the HLS project, and the g++ C-simulation of the
 * generated C++ compared element by element with the simulator (the testbench's expected outputs are
 * the simulator's hardware-stage values). Several foldings per model.
 */
const gxx = hasCppCompiler();
if (!gxx) console.warn('compile.test: no C++ compiler (g++ or $CXX): the C-simulation checks are skipped');

const W8A6 = { weight: 8, input: 8, hidden: 8, acc: 6, sigmoid: 6, tanh: 6, cell: 6, hiddenTanh: 6 };
const MIXED = { weight: 4, input: 6, hidden: 6, acc: 4, sigmoid: 3, tanh: 2, cell: 5, hiddenTanh: 4 };

const cases: [string, () => Parameters<typeof saveModel>[0], string[][]][] = [
  ['FINN-GL 10 → 20 W8A6 LSTM, T = 100', () => quantLstm({ inputSize: 10, hiddenSize: 20, seqLen: 100, seed: 2025, quant: W8A6 }), [[], ['--explore', '--budget', '0.1'], ['--folding', 'CHOICES']]],
  ['mixed-precision LSTM (2–6 bits)', () => quantLstm({ inputSize: 6, hiddenSize: 8, seqLen: 20, seed: 3, quant: MIXED }), [['--folding', 'FOLD'], ['--explore', '--budget', '0.05']]],
  ['ConvLSTM', () => quantConvLstm({ window: 20, features: 8, channels: [4, 4, 8], hiddenSize: 8, seed: 4 }), [[], ['--explore', '--budget', '0.2']]],
];

describe.skipIf(!gxx)('scanflow compile: g++ C-simulation ≡ simulator', () => {
  it.each(cases)('%s, several foldings', async (_name, build, foldings) => {
    const dir = mkdtempSync(join(tmpdir(), 'scanflow-compile-'));
    const path = join(dir, 'model.onnx');
    saveModel(build(), path);
    // hand-picked folding for the mixed LSTM (hidden 8): U·h of the forget gate at PE 2 / SIMD 4, the input gate fully parallel, f ⊙ c at PE 4
    writeFileSync(join(dir, 'fold.json'), JSON.stringify({ MatMul_n_7_mvau: { pe: 2, simd: 4 }, MatMul_n_22_mvau: { pe: 8, simd: 8 }, Mul_n_hw: { pe: 4 } }));
    // implementation choices for the FINN-GL LSTM: U·h of one gate on DSPs, another in LUTs, the gate's
    // sigmoid and the f ⊙ c requantisation by binary search inside the step, f ⊙ c on DSPs (exact
    // whatever the choice: the C-simulation checks it)
    writeFileSync(
      join(dir, 'choices.json'),
      JSON.stringify({
        MatMul_n_6_mvau: { pe: 4, simd: 20, mult: 'dsp' },
        MatMul_n_21_mvau: { pe: 2, simd: 10, mult: 'lut' },
        QuantizeLinear_n_8_quant_mt_thresholding: { thresholds: 'search' },
        QuantizeLinear_n_64_quant_mt_thresholding: { thresholds: 'search' },
        Mul_n_hw: { pe: 5, mult: 'dsp' },
      }),
    );
    const seen = new Set<string>();
    for (const [k, extra] of foldings.entries()) {
      const args = extra.map((a) => (a === 'FOLD' ? join(dir, 'fold.json') : a === 'CHOICES' ? join(dir, 'choices.json') : a));
      const out = join(dir, `out${k}`);
      const io = capture();
      const code = await main(['compile', path, '--board', 'zcu104', '--out', out, ...args], io);
      expect(io.stderr, io.stderr.join('\n')).toEqual([]);
      expect(code).toBe(0);
      const text = io.stdout.join('\n');
      expect(text).toMatch(/C-simulation \(g\+\+, SIMULATION\): accelerator ports bit-exact — \d+ output elements compared with the simulated hardware stage, 0 mismatches/);
      // the whole model's outputs (host part simulated around the C++'s) against the original
      expect(text).toMatch(/completed by the host part.*: (bit-exact|within tolerance) against the original model/);
      for (const f of ['stages/1-import.onnx', 'stages/4-hardware.onnx', 'report.json', 'report.html', 'hls/run_hls.tcl']) expect(existsSync(join(out, f)), f).toBe(true);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
      expect(report.csim).toMatchObject({ kind: 'SIMULATION', passed: true, mismatches: 0 });
      expect(report.estimate.kind).toBe('ESTIMATE');
      seen.add(JSON.stringify(report.estimate.layers.map((l: { pe: number; simd?: number }) => [l.pe, l.simd])));
    }
    expect(seen.size, 'the foldings differ').toBe(foldings.length);
  }, 300_000);
});

describe('scanflow compile: bad input', () => {
  it('refuses a non-empty --out without --force and leaves its files alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scanflow-compile-'));
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    const path = join(dir, 'm.onnx');
    saveModel(quantLstm({ inputSize: 2, hiddenSize: 2, seqLen: 2, seed: 1 }), path);
    const io = capture();
    expect(await main(['compile', path, '--out', dir], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/not empty.*--force/);
    expect(readFileSync(join(dir, 'keep.txt'), 'utf8')).toBe('mine');
  });
});
