import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantConvLstm } from '@scanflow/builders';
import { type CliIO, main } from '@scanflow/cli';
import { hasCppCompiler } from '@scanflow/hls-backend';
import { Tensor } from '@scanflow/ir';
import { encodeModel, writeTensorFile } from '@scanflow/onnx-io';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareData } from './data/dataset';
import { simulateLogits } from './eval/evaluate-sim';
import { argmaxRows } from './eval/metrics';
import { builderOptions } from './train/export';
import { decodeWeights, quantConfigOf, readModelRecord } from './train/model-record';

/**
 * The trained model committed in model/ (what `npm run demo` compiles): it is what its record
 * describes, it meets the accuracy bar of the issue as measured when it was trained, the simulator
 * still computes the predictions recorded then, and it passes `scanflow verify` with the g++
 * C-simulation of its HLS C++.
 */
const modelDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'model');
const record = readModelRecord(join(modelDir, 'mid-price.json'));
const onnxPath = join(modelDir, 'mid-price.onnx');
const options = builderOptions(record.shape, decodeWeights(record.weights.quantised), quantConfigOf(record));
const tmp = mkdtempSync(join(tmpdir(), 'mid-price-model-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the committed mid-price model', () => {
  it('is the model its record rebuilds, byte for byte', () => {
    expect(Buffer.from(encodeModel(quantConvLstm(options))).equals(readFileSync(onnxPath))).toBe(true);
  });

  it('was measured W8A6 within 2 points of float, both far above the majority class (synthetic test split)', () => {
    const r = record.results;
    expect(record.data.kind).toBe('synthetic');
    expect(r.quantised.accuracy).toBeGreaterThanOrEqual(r.float.accuracy - 0.02);
    expect(r.quantised.macroF1).toBeGreaterThanOrEqual(r.float.macroF1 - 0.02);
    expect(r.quantised.accuracy).toBeGreaterThan(r.majorityRate + 0.15);
    expect(r.trainerVsSimulator.identicalPredictions).toBeGreaterThan(0.99);
  });

  it("still gets the simulator's recorded predictions on every 8th test window", () => {
    const d = record.data;
    if (d.kind !== 'synthetic') throw new Error('expected a model trained on the synthetic data');
    const { split } = prepareData({ horizon: d.horizon, window: d.window, synthetic: { seed: d.seed, samplesPerDay: d.samplesPerDay, alpha: d.alpha }, cacheDir: tmp });
    expect(split.test.count).toBe(record.results.testWindows);
    const recorded = Buffer.from(record.results.quantisedPredictions, 'base64');
    const every = Array.from({ length: Math.ceil(split.test.count / 8) }, (_, k) => 8 * k);
    const logits = simulateLogits(options, split.test, { indices: every });
    expect(Array.from(argmaxRows(logits, 3))).toEqual(every.map((i) => recorded[i]));
  });

  it.skipIf(!hasCppCompiler())('passes scanflow verify: every stage bit-exact, the g++ C-simulation bit-exact', async () => {
    writeTensorFile(join(tmp, 'input_0.pb'), new Tensor('float32', [1, 1, 100, 40], Float32Array.from({ length: 4000 }, (_, i) => Math.sin(i * 0.37) * 2)), 'X');
    const lines: string[] = [];
    const errors: string[] = [];
    const io: CliIO = { out: (l) => lines.push(l), err: (l) => errors.push(l) };
    const code = await main(['verify', onnxPath, '--inputs', tmp, '--json'], io);
    expect(errors).toEqual([]);
    expect(code).toBe(0);
    const report = JSON.parse(lines.join('\n'));
    expect(report.stages.map((s: { stage: string }) => s.stage)).toEqual(['import', 'qonnx', 'streamlined', 'hardware']);
    for (const s of report.stages) expect(s.vsReference.exact, s.stage).toBe(true);
    expect(report.csim).toMatchObject({ kind: 'SIMULATION', passed: true, mismatches: 0 });
    expect(report.firstDivergence).toBeUndefined();
  }, 300_000);
});
