import { Rng } from '@scanflow/builders';
import type { WindowSet } from '../data/windows';
import { argmaxRows } from '../eval/metrics';
import type { ConvLstmModel } from './model';
import { crossEntropy, predictLogits } from './predict';
import type { Progress } from './progress';
import type { QuantConfig } from './quant-config';
import { tf } from './tf';

export interface TrainOptions {
  epochs: number;
  /** Windows per step (default 128). */
  batchSize?: number;
  /** Adam's learning rate (default 2e-3). */
  learningRate?: number;
  /** Seeds the shuffling (default 1). */
  seed?: number;
  /** Quantisation-aware training: the forward pass holds every fake quantiser of this configuration. */
  quant?: QuantConfig;
  /** At most this many steps per epoch (default: every training window once). */
  stepsPerEpoch?: number;
  progress?: Progress;
  label?: string;
}

export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  valAccuracy: number;
  seconds: number;
}

export interface TrainResult {
  history: EpochRecord[];
  /** The epoch whose parameters the model holds at the end: the lowest validation loss (DeepLOB's rule). */
  bestEpoch: number;
}

/** Seeded Fisher–Yates permutation of 0 … n − 1. */
export function shuffled(n: number, rng: Rng): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/**
 * Trains with Adam on softmax cross-entropy; after every epoch measures the validation loss and
 * accuracy (with the same forward pass, quantised when `quant` is given) and keeps the parameters
 * of the best epoch.
 */
export function trainModel(model: ConvLstmModel, train: WindowSet, val: WindowSet | undefined, options: TrainOptions): TrainResult {
  const B = options.batchSize ?? 128;
  const rng = new Rng(options.seed ?? 1);
  const optimizer = tf.train.adam(options.learningRate ?? 2e-3);
  const { window: T, features: F, classes } = model.shape;
  const steps = Math.min(Math.floor(train.count / B), options.stepsPerEpoch ?? Infinity);
  if (steps < 1) throw new RangeError(`the training set has ${train.count} windows, fewer than one batch of ${B}`);
  const valLabels = val?.labels();
  const history: EpochRecord[] = [];
  let best = { epoch: 0, loss: Infinity, params: model.snapshot() };
  const label = options.label ?? (options.quant ? 'QAT' : 'float');
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const t0 = performance.now();
    const order = shuffled(train.count, rng);
    options.progress?.start(steps, `${label} epoch ${epoch}/${options.epochs}`);
    let lossSum = 0;
    for (let s = 0; s < steps; s++) {
      const idx = order.subarray(s * B, (s + 1) * B);
      const x = tf.tensor(train.gather(idx), [B, T, F]);
      const y = tf.oneHot(tf.tensor1d(Array.from(idx, (i) => train.label(i)), 'int32'), classes);
      const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.forward(x, options.quant)) as tf.Scalar, true, model.variables);
      lossSum += loss!.dataSync()[0];
      tf.dispose([x, y, loss!]);
      options.progress?.update(s + 1, `loss ${(lossSum / (s + 1)).toFixed(4)}`);
    }
    let valLoss = NaN;
    let valAccuracy = NaN;
    if (val && valLabels) {
      const logits = predictLogits(model, val, options.quant);
      valLoss = crossEntropy(logits, valLabels, classes);
      const pred = argmaxRows(logits, classes);
      valAccuracy = pred.reduce((a, p, i) => a + (p === valLabels[i] ? 1 : 0), 0) / pred.length;
    }
    const rec = { epoch, trainLoss: lossSum / steps, valLoss, valAccuracy, seconds: (performance.now() - t0) / 1000 };
    history.push(rec);
    options.progress?.stop(
      `${label} epoch ${epoch}/${options.epochs}: train loss ${rec.trainLoss.toFixed(4)}` +
        (val ? `, validation loss ${valLoss.toFixed(4)}, accuracy ${(100 * valAccuracy).toFixed(2)} %` : '') +
        ` (${rec.seconds.toFixed(0)} s)`,
    );
    const score = val ? valLoss : rec.trainLoss;
    if (score < best.loss) best = { epoch, loss: score, params: model.snapshot() };
  }
  model.restore(best.params);
  optimizer.dispose();
  return { history, bestEpoch: best.epoch };
}
