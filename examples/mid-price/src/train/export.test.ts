import { quantConvLstm, Rng } from '@scanflow/builders';
import { Tensor } from '@scanflow/ir';
import { Simulator } from '@scanflow/sim';
import { beforeAll, describe, expect, it } from 'vitest';
import { builderOptions, convLstmWeights, modelFromWeights } from './export';
import { ConvLstmModel } from './model';
import { decodeWeights, encodeWeights } from './model-record';
import { activationQuantisers, bitWidths } from './quant-config';
import { initTf, tf } from './tf';

beforeAll(async () => {
  await initTf();
});

describe('export through quantConvLstm', () => {
  // 12 events × 8 features (2 levels), channels 3, 4, 5, hidden 6: every quantiser of the graph at 5–6 bits
  const shape = { window: 12, features: 8, channels: [3, 4, 5] as [number, number, number], hidden: 6, classes: 3 };
  const bits = bitWidths({ weights: 6, activations: 5, sigmoid: 4, tanh: 6 });
  const quant = { bits, act: activationQuantisers(bits, { input: 3, convAct: [2, 2, 2], lstmIo: 1, lstmCell: 2, lstmAcc: { f: 4, i: 4, o: 4, c: 3 }, output: 2 }) };
  const B = 24;
  const x = new Rng(3).floats(B * 12 * 8, -3, 3);

  it("the trainer's quantised forward equals scanflow's simulator on the exported model, logit for logit", () => {
    const model = new ConvLstmModel(shape, 7);
    const trainer = tf.tidy(() => model.forward(tf.tensor(x, [B, 12, 8]), quant)).dataSync() as Float32Array;
    const weights = convLstmWeights(model);
    const single = new Simulator(quantConvLstm(builderOptions(shape, weights, quant)));
    const sim = new Float32Array(B * 3);
    for (let b = 0; b < B; b++) sim.set(single.run([new Tensor('float32', [1, 1, 12, 8], x.slice(b * 96, (b + 1) * 96))]).outputs[0].data as Float32Array, b * 3);
    expect(Array.from(trainer)).toEqual(Array.from(sim));
    // not a degenerate case: the logits vary
    expect(new Set(sim).size).toBeGreaterThan(10);
  });

  it('the batched model computes each window exactly as the batch-1 model', () => {
    const model = new ConvLstmModel(shape, 8);
    const options = builderOptions(shape, convLstmWeights(model), quant);
    const single = new Simulator(quantConvLstm(options));
    const batched = new Simulator(quantConvLstm({ ...options, batch: B })).run([new Tensor('float32', [B, 1, 12, 8], x)]).outputs[0];
    expect(batched.dims).toEqual([B, 3]);
    for (let b = 0; b < B; b++) {
      const one = single.run([new Tensor('float32', [1, 1, 12, 8], x.slice(b * 96, (b + 1) * 96))]).outputs[0].data as Float32Array;
      expect(Array.from((batched.data as Float32Array).subarray(b * 3, b * 3 + 3))).toEqual(Array.from(one));
    }
  });

  it('weights survive the builder layout and the record encoding unchanged', () => {
    const model = new ConvLstmModel(shape, 9);
    const w = convLstmWeights(model);
    expect(convLstmWeights(modelFromWeights(shape, w))).toEqual(w);
    expect(decodeWeights(encodeWeights(w))).toEqual(w);
    // ONNX layout of the first convolution: W[o, 0, 0, k] is row k, column o of the trainer's matrix
    const m = model.conv[0].W.arraySync() as number[][];
    expect(w.conv[0].W[1 * 2 + 0]).toBe(Math.fround(m[0][1]));
    expect(w.conv[0].W[2 * 2 + 1]).toBe(Math.fround(m[1][2]));
  });
});
