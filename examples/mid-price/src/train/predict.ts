import type { WindowSet } from '../data/windows';
import type { ConvLstmModel } from './model';
import type { QuantConfig } from './quant-config';
import { tf } from './tf';

/** Logits [count × classes] of the tfjs model (float, or its quantised forward with `q`) on windows. */
export function predictLogits(model: ConvLstmModel, windows: WindowSet, q?: QuantConfig, options: { batch?: number; indices?: ArrayLike<number> } = {}): Float32Array {
  const batch = options.batch ?? 256;
  const idx = options.indices ?? Array.from({ length: windows.count }, (_, i) => i);
  const { window: T, features: F, classes } = model.shape;
  const out = new Float32Array(idx.length * classes);
  for (let s = 0; s < idx.length; s += batch) {
    const part = Array.prototype.slice.call(idx, s, s + batch) as number[];
    const logits = tf.tidy(() => model.forward(tf.tensor(windows.gather(part), [part.length, T, F]), q));
    out.set(logits.dataSync() as Float32Array, s * classes);
    logits.dispose();
  }
  return out;
}

/** Mean softmax cross-entropy of logits [n × classes] against classes. */
export function crossEntropy(logits: Float32Array, labels: ArrayLike<number>, classes: number): number {
  let sum = 0;
  for (let r = 0; r < labels.length; r++) {
    let m = -Infinity;
    for (let c = 0; c < classes; c++) m = Math.max(m, logits[r * classes + c]);
    let z = 0;
    for (let c = 0; c < classes; c++) z += Math.exp(logits[r * classes + c] - m);
    sum += m + Math.log(z) - logits[r * classes + labels[r]];
  }
  return labels.length ? sum / labels.length : 0;
}
