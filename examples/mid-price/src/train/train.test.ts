import { Rng } from '@scanflow/builders';
import { beforeAll, describe, expect, it } from 'vitest';
import { WindowSet } from '../data/windows';
import { ConvLstmModel } from './model';
import { crossEntropy, predictLogits } from './predict';
import { activationQuantisers, bitWidths, type QuantConfig } from './quant-config';
import { initTf } from './tf';
import { trainModel } from './train';

beforeAll(async () => {
  await initTf();
});

/** Samples whose 40 features scatter around a level in [−2, 2]; the class is the level's band (< −0.7, middle, > 0.7). */
function toySet(n: number, seed: number): WindowSet {
  const rng = new Rng(seed);
  const level = rng.floats(n, -2, 2);
  const features = Float32Array.from({ length: n * 40 }, (_, i) => level[Math.floor(i / 40)] + rng.uniform(-0.5, 0.5));
  const classes = Uint8Array.from(level, (l) => (l < -0.7 ? 0 : l > 0.7 ? 2 : 1));
  return new WindowSet({ events: n, features, classes }, 6);
}

describe('training (smoke test, tiny ConvLSTM)', () => {
  const shape = { window: 6, features: 40, channels: [2, 2, 3] as [number, number, number], hidden: 6, classes: 3 };
  const data = toySet(400, 3);
  const bits = bitWidths({ weights: 6, activations: 5 });
  const quant: QuantConfig = { bits, act: activationQuantisers(bits, { input: 3, convAct: [2, 2, 2], lstmIo: 1, lstmCell: 2, lstmAcc: { f: 3, i: 3, o: 3, c: 3 }, output: 4 }) };

  for (const [name, q] of [
    ['float', undefined],
    ['quantisation-aware', quant],
  ] as const) {
    it(`${name} training lowers the loss within a hundred steps`, () => {
      const model = new ConvLstmModel(shape, 2);
      const loss = () => crossEntropy(predictLogits(model, data, q), data.labels(), 3);
      const before = loss();
      const r = trainModel(model, data, undefined, { epochs: 8, batchSize: 32, learningRate: 0.01, ...(q ? { quant: q } : {}) });
      expect(r.history).toHaveLength(8);
      expect(loss()).toBeLessThan(before - 0.1);
    });
  }
});
