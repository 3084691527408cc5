import { quantConvLstm, type QuantConvLstmOptions } from '@scanflow/builders';
import { Tensor } from '@scanflow/ir';
import { Simulator } from '@scanflow/sim';
import type { WindowSet } from '../data/windows';

export interface SimulateSettings {
  /** Windows per simulator run (default 64). */
  batch?: number;
  /** Which windows (default all). */
  indices?: ArrayLike<number>;
  onBatch?: (done: number, total: number) => void;
}

/**
 * The exported model's logits [windows × classes] computed by scanflow's simulator: the model is
 * rebuilt with `batch` windows per run (the windows side by side as the columns of the LSTM state —
 * per window the same arithmetic as the batch-1 model), and the last partial batch is padded with
 * zero windows whose results are dropped.
 */
export function simulateLogits(options: QuantConvLstmOptions, windows: WindowSet, settings: SimulateSettings = {}): Float32Array {
  const idx = settings.indices ?? Array.from({ length: windows.count }, (_, i) => i);
  const n = idx.length;
  const B = Math.min(settings.batch ?? 64, Math.max(1, n));
  const classes = options.classes ?? 3;
  const sim = new Simulator(quantConvLstm({ ...options, batch: B }));
  const T = windows.window;
  const F = windows.features;
  const out = new Float32Array(n * classes);
  const x = new Float32Array(B * T * F);
  for (let s = 0; s < n; s += B) {
    const part = Array.prototype.slice.call(idx, s, s + B) as number[];
    x.fill(0);
    windows.gather(part, x);
    const logits = sim.run([new Tensor('float32', [B, 1, T, F], x)]).outputs[0].data as Float32Array;
    out.set(logits.subarray(0, part.length * classes), s * classes);
    settings.onBatch?.(s + part.length, n);
  }
  return out;
}
