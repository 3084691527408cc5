import { GATES, type Gate, type QuantSpec, quantRange, Rng } from '@scanflow/builders';
import { fakeQuant } from './fake-quant';
import type { QuantConfig } from './quant-config';
import { tf } from './tf';

/** The ConvLSTM's sizes (those of `quantConvLstm` in @scanflow/builders). */
export interface ConvLstmShape {
  window: number;
  features: number;
  channels: [number, number, number];
  hidden: number;
  classes: number;
}

export const DEFAULT_SHAPE: ConvLstmShape = { window: 100, features: 40, channels: [8, 8, 16], hidden: 32, classes: 3 };

/** Values seen at the quantiser positions during a forward pass (calibration). */
export type Probe = (point: ProbePoint, value: tf.Tensor) => void;
export type ProbePoint = 'input' | 'conv0.act' | 'conv1.act' | 'conv2.act' | 'lstm.acc' | 'lstm.cell' | 'lstm.hidden' | 'output';

/**
 * The three convolutions tile their input exactly (kernel = stride along the features, or kernel =
 * the whole width), so each is a matrix product over groups of kw·cin values: input
 * [B·T·(W/kw), kw·cin] × W [kw·cin, cout]. Row k·cin + ci of W is ONNX's W[o, ci, 0, k].
 */
export function convGeometry(shape: ConvLstmShape): { cin: number; cout: number; kw: number; groups: number }[] {
  const [c1, c2, c3] = shape.channels;
  const F = shape.features;
  return [
    { cin: 1, cout: c1, kw: 2, groups: F / 2 },
    { cin: c1, cout: c2, kw: 2, groups: F / 4 },
    { cin: c2, cout: c3, kw: F / 4, groups: 1 },
  ];
}

interface QuantTensors {
  s: tf.Tensor;
  lo: tf.Tensor;
  hi: tf.Tensor;
}

const scalarQ = (q: QuantSpec): QuantTensors => {
  const [lo, hi] = quantRange(q);
  return { s: tf.scalar(q.scale), lo: tf.scalar(lo), hi: tf.scalar(hi) };
};

/** Per-gate quantisers laid out along the 4H gate columns [f | i | o | c] (or a subset of gates). */
const gateQ = (specs: Record<Gate, QuantSpec>, H: number, gates: readonly Gate[] = GATES): QuantTensors => {
  const rep = (f: (q: QuantSpec) => number) => tf.tensor1d(gates.flatMap((g) => new Array<number>(H).fill(f(specs[g]))));
  return { s: rep((q) => q.scale), lo: rep((q) => quantRange(q)[0]), hi: rep((q) => quantRange(q)[1]) };
};

const fq = (x: tf.Tensor, q: QuantTensors | undefined): tf.Tensor => (q ? fakeQuant(x, q.s, q.lo, q.hi) : x);

/** A weight quantiser whose scale follows the weights: max |w| / (2^(b−1) − 1), narrow range. */
function weightFq(w: tf.Tensor, bits: number): tf.Tensor {
  const hi = 2 ** (bits - 1) - 1;
  return fakeQuant(w, tf.div(tf.max(tf.abs(w)), hi), tf.scalar(-hi), tf.scalar(hi));
}

/**
 * The float / quantisation-aware ConvLSTM in tfjs. With a QuantConfig its forward pass computes
 * what the exported QCDQ graph computes, quantiser for quantiser: input → 3 × (conv → ReLU →
 * quantiser) → per step: x_t quantiser; per gate (f, i, o, c) (W·x + U·h) + b → accumulator
 * quantiser → sigmoid / tanh → quantiser; f⊙c and i⊙g quantised with the cell quantiser, c_t = their
 * sum (the carried state), tanh of the quantised c_t → quantiser, o ⊙ that → h_t quantiser; then
 * the classifier on the last h_t → logits quantiser. Weights are quantised per tensor (per gate in
 * the LSTM, W and U sharing the scale) with scales following the weights.
 */
export class ConvLstmModel {
  readonly conv: { W: tf.Variable; b: tf.Variable }[];
  /** [channels[2], 4H]: W_g transposed, gate blocks f, i, o, c. */
  readonly lstmW: tf.Variable;
  /** [H, 4H]: U_g transposed. */
  readonly lstmU: tf.Variable;
  /** [4H]. */
  readonly lstmB: tf.Variable;
  /** [H, classes]: the classifier's W transposed. */
  readonly headW: tf.Variable;
  readonly headB: tf.Variable;

  constructor(
    readonly shape: ConvLstmShape,
    seed: number,
  ) {
    if (shape.features % 4 !== 0) throw new RangeError(`features (${shape.features}) must be a multiple of 4`);
    const rng = new Rng(seed);
    const uniform = (dims: number[], bound: number) => tf.variable(tf.tensor(rng.floats(dims.reduce((a, b) => a * b, 1), -bound, bound), dims));
    this.conv = convGeometry(shape).map(({ cin, cout, kw }) => {
      const bound = 1 / Math.sqrt(cin * kw);
      return { W: uniform([kw * cin, cout], bound), b: uniform([cout], bound) };
    });
    const H = shape.hidden;
    const k = 1 / Math.sqrt(H);
    this.lstmW = uniform([shape.channels[2], 4 * H], k);
    this.lstmU = uniform([H, 4 * H], k);
    // forget-gate bias 1 (a common LSTM initialisation), the others uniform
    const b = rng.floats(4 * H, -k, k);
    b.fill(1, 0, H);
    this.lstmB = tf.variable(tf.tensor1d(b));
    this.headW = uniform([H, shape.classes], k);
    this.headB = uniform([shape.classes], k);
  }

  get variables(): tf.Variable[] {
    return [...this.conv.flatMap((c) => [c.W, c.b]), this.lstmW, this.lstmU, this.lstmB, this.headW, this.headB];
  }

  /** Copies every parameter (for keeping the best epoch). */
  snapshot(): Float32Array[] {
    return this.variables.map((v) => v.dataSync().slice() as Float32Array);
  }

  restore(values: Float32Array[]): void {
    tf.tidy(() => this.variables.forEach((v, k) => v.assign(tf.tensor(values[k], v.shape))));
  }

  /** Logits [B, classes] for windows x [B, T, features]; quantised when `q` is given. */
  forward(x: tf.Tensor, q?: QuantConfig, probe?: Probe): tf.Tensor {
    const { window: T, hidden: H } = this.shape;
    const B = x.shape[0];
    const geo = convGeometry(this.shape);
    const act = q?.act;
    let a = fq(x, act && scalarQ(act.input));
    probe?.('input', x);
    geo.forEach(({ cin, kw, groups }, k) => {
      const W = q ? weightFq(this.conv[k].W, q.bits.convWeight[k]) : this.conv[k].W;
      const z = tf.add(tf.matMul(tf.reshape(a, [B * T * groups, kw * cin]), W), this.conv[k].b);
      const r = tf.relu(z);
      probe?.(`conv${k}.act` as ProbePoint, r);
      a = fq(r, act && scalarQ(act.convAct[k]));
    });
    // a: [B·T, channels[2]] (window-major, then time)
    const C = this.shape.channels[2];
    const xq = fq(a, act && scalarQ(act.lstmIo));
    let Wq: tf.Tensor = this.lstmW;
    let Uq: tf.Tensor = this.lstmU;
    if (q) {
      // one scale per gate over W_g and U_g together
      const absMax = tf.maximum(tf.max(tf.reshape(tf.abs(this.lstmW), [C, 4, H]), [0, 2]), tf.max(tf.reshape(tf.abs(this.lstmU), [H, 4, H]), [0, 2]));
      const hiGate = tf.tensor1d(GATES.map((g) => 2 ** (q.bits.lstmWeight[g] - 1) - 1));
      const col = (v: tf.Tensor) => tf.reshape(tf.tile(tf.reshape(v, [4, 1]), [1, H]), [4 * H]);
      const s = col(tf.div(absMax, hiGate));
      const hi = col(hiGate);
      Wq = fakeQuant(this.lstmW, s, tf.neg(hi), hi);
      Uq = fakeQuant(this.lstmU, s, tf.neg(hi), hi);
    }
    const wx = tf.unstack(tf.reshape(tf.matMul(xq, Wq), [B, T, 4 * H]), 1);
    const accQ = act && gateQ(act.lstmAcc, H);
    const sigQ = act && gateQ(act.lstmAct, H, ['f', 'i', 'o']);
    const tanhQ = act && scalarQ(act.lstmAct.c);
    const cellQ = act && scalarQ(act.lstmCell);
    const htQ = act && scalarQ(act.lstmHiddenTanh);
    const hQ = act && scalarQ(act.lstmIo);
    let h: tf.Tensor = tf.zeros([B, H]);
    let c: tf.Tensor = tf.zeros([B, H]);
    for (let t = 0; t < T; t++) {
      const pre = tf.add(tf.add(wx[t], tf.matMul(h, Uq)), this.lstmB);
      probe?.('lstm.acc', pre);
      const preQ = fq(pre, accQ);
      const sig = fq(tf.sigmoid(tf.slice(preQ, [0, 0], [B, 3 * H])), sigQ);
      const g = fq(tf.tanh(tf.slice(preQ, [0, 3 * H], [B, H])), tanhQ);
      const f = tf.slice(sig, [0, 0], [B, H]);
      const i = tf.slice(sig, [0, H], [B, H]);
      const o = tf.slice(sig, [0, 2 * H], [B, H]);
      const fc = tf.mul(f, c);
      const ig = tf.mul(i, g);
      probe?.('lstm.cell', fc);
      probe?.('lstm.cell', ig);
      c = tf.add(fq(fc, cellQ), fq(ig, cellQ));
      probe?.('lstm.cell', c);
      const hv = tf.mul(o, fq(tf.tanh(fq(c, cellQ)), htQ));
      probe?.('lstm.hidden', hv);
      h = fq(hv, hQ);
    }
    const headW = q ? weightFq(this.headW, q.bits.headWeight) : this.headW;
    const logits = tf.add(tf.matMul(h, headW), this.headB);
    probe?.('output', logits);
    return fq(logits, act && scalarQ(act.output));
  }
}
