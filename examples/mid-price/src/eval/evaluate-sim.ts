import { quantConvLstm, type QuantConvLstmOptions } from '@scanflow/builders';
import { Tensor } from '@scanflow/ir';
import { Simulator } from '@scanflow/sim';
import type { WindowSet } from '../data/windows';

/**
 * The exported model's logits [count × classes] on every window, computed by scanflow's
 * simulator: the model is rebuilt with `batch` windows per run (the windows side by side as the
 * columns of the LSTM state — per window the same arithmetic as the batch-1 model), and the last
 * partial batch is padded with zero windows whose results are dropped.
 */
export function simulateLogits(options: QuantConvLstmOptions, windows: WindowSet, settings: { batch?: number; onBatch?: (done: number, total: number) => void } = {}): Float32Array {
  const B = Math.min(settings.batch ?? 64, Math.max(1, windows.count));
  const classes = options.classes ?? 3;
  const sim = new Simulator(quantConvLstm({ ...options, batch: B }));
  const T = windows.window;
  const F = windows.features;
  const out = new Float32Array(windows.count * classes);
  const x = new Float32Array(B * T * F);
  for (let s = 0; s < windows.count; s += B) {
    const n = Math.min(B, windows.count - s);
    x.fill(0);
    windows.gather(Array.from({ length: n }, (_, k) => s + k), x);
    const logits = sim.run([new Tensor('float32', [B, 1, T, F], x)]).outputs[0].data as Float32Array;
    out.set(logits.subarray(0, n * classes), s * classes);
    settings.onBatch?.(s + n, windows.count);
  }
  return out;
}
