import { GATES, type Gate } from '@scanflow/builders';
import type { WindowSet } from '../data/windows';
import type { ConvLstmModel, ProbePoint } from './model';
import type { ActivationRanges } from './quant-config';
import { tf } from './tf';

/** At most this many magnitudes are kept per quantiser position (evenly strided). */
const KEEP = 1 << 21;

/** The q-quantile of magnitudes (sorted in place). */
function quantile(values: Float32Array, q: number): number {
  if (values.length === 0) return 1;
  values.sort();
  return values[Math.min(values.length - 1, Math.floor(q * values.length))] || 1;
}

class Magnitudes {
  private chunks: Float32Array[] = [];
  private n = 0;
  add(v: Float32Array, stride: number): void {
    const out = new Float32Array(Math.ceil(v.length / stride));
    for (let i = 0, k = 0; i < v.length; i += stride, k++) out[k] = Math.abs(v[i]);
    this.chunks.push(out);
    this.n += out.length;
  }
  all(): Float32Array {
    const a = new Float32Array(this.n);
    let o = 0;
    for (const c of this.chunks) {
      a.set(c, o);
      o += c.length;
    }
    return a;
  }
}

/**
 * Headroom of the convolutions' ReLU ranges over what the training windows show. The front-end's
 * outputs grow with the book's z-scored volumes, which on later days go well beyond the training
 * days' range (to 8σ on the synthetic test days, against 2.8σ in training); clipping them at the
 * training range costs several points of accuracy, a 3× range costs none at W8A6 (README).
 */
export const CONV_HEADROOM = 3;

/**
 * Ranges for the calibrated activation quantisers: the `quantile` (default 0.999) of each
 * position's magnitudes on the float model, over `count` windows spread evenly over `windows`;
 * the convolution outputs' ranges times `convHeadroom` (default CONV_HEADROOM).
 */
export function calibrateRanges(model: ConvLstmModel, windows: WindowSet, options: { count?: number; batch?: number; quantile?: number; convHeadroom?: number } = {}): ActivationRanges {
  const count = Math.min(options.count ?? 1024, windows.count);
  const batch = options.batch ?? 256;
  const q = options.quantile ?? 0.999;
  const headroom = options.convHeadroom ?? CONV_HEADROOM;
  const H = model.shape.hidden;
  const points = new Map<string, Magnitudes>();
  const at = (name: string) => points.get(name) ?? (points.set(name, new Magnitudes()), points.get(name)!);
  const step = windows.count / count;
  const indices = Array.from({ length: count }, (_, k) => Math.floor(k * step));
  // per-step tensors arrive window × steps times; stride so each position keeps at most KEEP values
  const stride = (total: number) => Math.max(1, Math.ceil(total / KEEP));
  for (let s = 0; s < count; s += batch) {
    const idx = indices.slice(s, s + batch);
    tf.tidy(() => {
      const x = tf.tensor(windows.gather(idx), [idx.length, model.shape.window, model.shape.features]);
      model.forward(x, undefined, (point: ProbePoint, value: tf.Tensor) => {
        const v = value.dataSync() as Float32Array;
        if (point === 'lstm.acc') {
          // [B, 4H]: one range per gate
          GATES.forEach((g, gi) => {
            const part = new Float32Array(idx.length * H);
            for (let b = 0; b < idx.length; b++) part.set(v.subarray(b * 4 * H + gi * H, b * 4 * H + (gi + 1) * H), b * H);
            at(`lstm.acc.${g}`).add(part, stride(count * H * model.shape.window));
          });
        } else {
          const perStep = point.startsWith('lstm.') ? model.shape.window * (point === 'lstm.cell' ? 3 : 1) : 1;
          at(point).add(v, stride((count / idx.length) * v.length * perStep));
        }
      });
    });
  }
  const r = (name: string) => quantile(at(name).all(), q);
  const acc = {} as Record<Gate, number>;
  for (const g of GATES) acc[g] = r(`lstm.acc.${g}`);
  return {
    input: r('input'),
    convAct: [r('conv0.act') * headroom, r('conv1.act') * headroom, r('conv2.act') * headroom],
    // x_t is the last ReLU output (before the headroom)
    lstmIo: Math.max(r('conv2.act'), r('lstm.hidden')),
    lstmCell: r('lstm.cell'),
    lstmAcc: acc,
    output: r('output'),
  };
}
