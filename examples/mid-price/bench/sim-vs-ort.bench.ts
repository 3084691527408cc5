/**
 * Windows per second of scanflow's simulator against onnxruntime-node (one thread) on the committed
 * mid-price ConvLSTM (model/mid-price.json), in the same process, single runs and batches of 64.
 * Every benchmark iteration processes the same 64 windows (64 runs of the batch-1 model, or one run
 * of the batch-64 model), so windows/s = 64 × the reported hz, and the ratios compare like with like.
 * Run with `pnpm bench` (or `pnpm vitest bench --run examples/mid-price`).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantConvLstm, Rng } from '@scanflow/builders';
import { Tensor } from '@scanflow/ir';
import { encodeModel } from '@scanflow/onnx-io';
import { Simulator } from '@scanflow/sim';
import * as ort from 'onnxruntime-node';
import { bench, describe } from 'vitest';
import { builderOptions } from '../src/train/export';
import { decodeWeights, quantConfigOf, readModelRecord } from '../src/train/model-record';

const record = readModelRecord(join(dirname(fileURLToPath(import.meta.url)), '..', 'model', 'mid-price.json'));
const options = builderOptions(record.shape, decodeWeights(record.weights.quantised), quantConfigOf(record));
const B = 64;
const T = record.shape.window;
const F = record.shape.features;
const windows = new Rng(11).floats(B * T * F, -2, 2);

const single = quantConvLstm(options);
const batched = quantConvLstm({ ...options, batch: B });
const simSingle = new Simulator(single);
const simBatched = new Simulator(batched);
const session = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential' as const };
const ortSingle = await ort.InferenceSession.create(encodeModel(single), session);
const ortBatched = await ort.InferenceSession.create(encodeModel(batched), session);
const one = (b: number) => windows.subarray(b * T * F, (b + 1) * T * F);

describe(`mid-price ConvLSTM (channels ${record.shape.channels.join('/')}, hidden ${record.shape.hidden}, T = ${T}): 64 windows per iteration`, () => {
  bench('scanflow simulator, batch 64', () => {
    simBatched.run([new Tensor('float32', [B, 1, T, F], windows)]);
  });
  bench('onnxruntime-node (1 thread), batch 64', async () => {
    await ortBatched.run({ X: new ort.Tensor('float32', windows, [B, 1, T, F]) });
  });
  bench('scanflow simulator, 64 × batch 1', () => {
    for (let b = 0; b < B; b++) simSingle.run([new Tensor('float32', [1, 1, T, F], one(b))]);
  });
  bench('onnxruntime-node (1 thread), 64 × batch 1', async () => {
    for (let b = 0; b < B; b++) await ortSingle.run({ X: new ort.Tensor('float32', one(b), [1, 1, T, F]) });
  });
});
