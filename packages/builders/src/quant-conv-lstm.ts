import { GraphBuilder, type Model, Tensor } from '@scanflow/ir';
import { qcdq } from './qcdq';
import { buildQuantLstmBody, type QuantLstmQuantisers, randomLstmWeights, resolveCellQuantisers } from './quant-lstm';
import { type QuantInput, type QuantSpec, resolveQuant, scaleFor } from './quant-spec';
import { Rng } from './random';

/**
 * A quantised ConvLSTM for limit-order-book windows (FI-2010 layout: `window` events × `features`
 * values, the features being [ask price, ask volume, bid price, bid volume] × 10 levels), shaped
 * after DeepLOB's front-end: Conv 1×2 stride 2 (pairs price with volume), Conv 1×2 stride 2 (pairs
 * ask with bid), Conv 1×(features/4) (all levels), each with ReLU and an unsigned activation
 * quantiser; then the QCDQ LSTM in Scan over the events, and a quantised linear classifier on the
 * last hidden state.
 */
export interface QuantConvLstmOptions {
  /** Events per window (default 100). */
  window?: number;
  /** Values per event (default 40 = 10 levels × 4). */
  features?: number;
  /** Output channels of the three convolutions (default [8, 8, 16]). */
  channels?: [number, number, number];
  hiddenSize?: number;
  classes?: number;
  quant?: {
    /** Input quantiser (signed; default 8 bits over ±4 — inputs are normalised). */
    input?: QuantInput;
    /** Conv and classifier weights (signed, narrow; default 8 bits, scale from the weights). */
    weight?: QuantInput;
    /** ReLU outputs of the front-end (unsigned; default 8 bits over [0, 4]). */
    activation?: QuantInput;
    /** The LSTM cell's quantisers. */
    lstm?: QuantLstmQuantisers;
    /** The logits (signed; default 8 bits over ±8). */
    output?: QuantInput;
  };
  seed?: number;
  opset?: number;
}

function absMax(a: Float32Array): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m || 1;
}

/** Builds the quantised ConvLSTM. Input X [1, 1, window, features]; output logits [1, classes]. */
export function quantConvLstm(options: QuantConvLstmOptions = {}): Model {
  const T = options.window ?? 100;
  const F = options.features ?? 40;
  const [c1, c2, c3] = options.channels ?? [8, 8, 16];
  const H = options.hiddenSize ?? 32;
  const classes = options.classes ?? 3;
  if (F % 4 !== 0) throw new RangeError(`features (${F}) must be a multiple of 4: [ask price, ask volume, bid price, bid volume] per level`);
  const rng = new Rng(options.seed ?? 1);
  const q = options.quant ?? {};
  const signed = (bits: number, range: number): QuantSpec => ({ bits, signed: true, narrow: false, scale: scaleFor(range, bits, true) });
  const bitsOf = (input: QuantInput | undefined) => (typeof input === 'number' ? input : input?.bits ?? 8);
  const inQ = resolveQuant(q.input, signed(bitsOf(q.input), 4));
  const actQ = resolveQuant(q.activation, { bits: bitsOf(q.activation), signed: false, narrow: false, scale: scaleFor(4, bitsOf(q.activation), false) });
  const outQ = resolveQuant(q.output, signed(bitsOf(q.output), 8));
  const weightQ = (w: Float32Array): QuantSpec => {
    const bits = bitsOf(q.weight);
    return resolveQuant(q.weight, { bits, signed: true, narrow: true, scale: scaleFor(absMax(w), bits, true, true) });
  };

  const b = new GraphBuilder('qcdq_conv_lstm');
  const x = b.input('X', 'float32', [1, 1, T, F]);
  // 'in', not 'x': the LSTM body quantises its own 'x', and a Scan body may not redefine an outer value (ONNX SSA)
  let v = qcdq(b, x, inQ, 'in');
  const convs: [number, number, number, number][] = [
    [1, c1, 2, 2],
    [c1, c2, 2, 2],
    [c2, c3, F / 4, 1],
  ];
  convs.forEach(([cin, cout, kw, sw], k) => {
    const fanIn = cin * kw;
    const bound = 1 / Math.sqrt(fanIn);
    const wData = rng.floats(cout * cin * kw, -bound, bound);
    const w = b.initializer(`conv${k}_W`, new Tensor('float32', [cout, cin, 1, kw], wData));
    const bias = b.initializer(`conv${k}_B`, new Tensor('float32', [cout], rng.floats(cout, -bound, bound)));
    const wq = qcdq(b, w, weightQ(wData), `conv${k}_W`);
    const conv = b.op('Conv', [v, wq, bias], { kernel_shape: [1, kw], strides: [1, sw] }, { name: `conv${k}` });
    const relu = b.op('Relu', [conv]);
    v = qcdq(b, relu, actQ, `conv${k}_act`);
  });
  // [1, c3, T, 1] → the LSTM's scan input [T, c3, 1]
  const seqShape = b.initializer('seq_shape', Tensor.int64([3], [T, c3, 1]));
  const perm = b.op('Transpose', [v], { perm: [2, 1, 0, 3] });
  const seq = b.op('Reshape', [perm, seqShape], {}, { outputs: ['lstm_in'] });

  const w = randomLstmWeights(c3, H, rng);
  const cellQ = resolveCellQuantisers(q.lstm ?? {}, w);
  const body = buildQuantLstmBody(c3, H, w, cellQ);
  const h0 = b.initializer('h0', Tensor.zeros('float32', [H, 1]));
  const c0 = b.initializer('c0', Tensor.zeros('float32', [H, 1]));
  const [hT] = b.node('Scan', [h0, c0, seq], { num_scan_inputs: 1, body: body.graph }, { outputs: ['h_final', 'c_final', 'h_seq'], name: 'lstm' });

  const hb = 1 / Math.sqrt(H);
  const headW = rng.floats(classes * H, -hb, hb);
  const Wh = b.initializer('head_W', new Tensor('float32', [classes, H], headW));
  const Bh = b.initializer('head_B', new Tensor('float32', [classes, 1], rng.floats(classes, -hb, hb)));
  const logits = b.op('Add', [b.op('MatMul', [qcdq(b, Wh, weightQ(headW), 'head_W'), hT]), Bh]);
  const lq = qcdq(b, logits, outQ, 'logits');
  const outShape = b.initializer('logits_shape', Tensor.int64([2], [1, classes]));
  b.output(b.op('Reshape', [lq, outShape], {}, { outputs: ['logits'] }), 'float32', [1, classes]);
  return b.model({ opset: options.opset ?? 14 });
}
