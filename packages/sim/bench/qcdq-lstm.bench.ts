/**
 * Simulator throughput against onnxruntime-node on the same QCDQ LSTM-in-Scan models (FINN-GL's
 * cell structure), in the same process: vitest prints inferences per second for both and the ratio
 * ("N× faster than"). Run with `pnpm bench`.
 */
import { quantLstm, Rng } from '@scanflow/builders';
import { Tensor } from '@scanflow/ir';
import { encodeModel } from '@scanflow/onnx-io';
import * as ort from 'onnxruntime-node';
import { bench, describe } from 'vitest';
import { Simulator } from '../src/index';

const SIZES = [
  { inputSize: 10, hiddenSize: 20, T: 100, label: 'FINN-GL size: input 10, hidden 20, T = 100' },
  { inputSize: 40, hiddenSize: 64, T: 100, label: 'larger: input 40, hidden 64, T = 100' },
];

for (const s of SIZES) {
  const model = quantLstm({ inputSize: s.inputSize, hiddenSize: s.hiddenSize, seqLen: s.T, seed: 7 });
  const rng = new Rng(11);
  const x = new Tensor('float32', [s.T, s.inputSize, 1], rng.floats(s.T * s.inputSize, -2, 2));
  const h0 = Tensor.zeros('float32', [s.hiddenSize, 1]);
  const c0 = Tensor.zeros('float32', [s.hiddenSize, 1]);
  const sim = new Simulator(model);
  const bytes = encodeModel(model);
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential' });
  const feeds = {
    X: new ort.Tensor('float32', x.data as Float32Array, [...x.dims]),
    h0: new ort.Tensor('float32', h0.data as Float32Array, [...h0.dims]),
    c0: new ort.Tensor('float32', c0.data as Float32Array, [...c0.dims]),
  };

  describe(`QCDQ LSTM in Scan, ${s.label}`, () => {
    bench('scanflow simulator', () => {
      sim.run([x, h0, c0]);
    });
    bench('onnxruntime-node (1 thread)', async () => {
      await session.run(feeds);
    });
  });
}
