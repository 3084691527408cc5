import { type Dim, GraphBuilder, type Model, Tensor } from '@scanflow/ir';
import { qcdq } from './qcdq';
import { buildQuantLstmBody, type LstmWeights, type QuantLstmQuantisers, randomLstmWeights, resolveCellQuantisers } from './quant-lstm';
import { type QuantInput, type QuantSpec, resolveQuant, scaleFor } from './quant-spec';
import { Rng } from './random';

/** One convolution's float weights: W [cout, cin, 1, kw] and b [cout], row-major. */
export interface ConvWeights {
  W: Float32Array;
  b: Float32Array;
}

/** Trained float weights of the whole ConvLSTM. */
export interface ConvLstmWeights {
  /** The three convolutions, in order. */
  conv: [ConvWeights, ConvWeights, ConvWeights];
  /** The LSTM cell (W_g [hidden × channels[2]], U_g [hidden × hidden], b_g [hidden]). */
  lstm: LstmWeights;
  /** The classifier: W [classes × hidden] row-major, b [classes]. */
  head: { W: Float32Array; b: Float32Array };
}

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
    /** Per convolution, overriding `weight` for that convolution's weights. */
    convWeights?: (QuantInput | undefined)[];
    /** The classifier's weights, overriding `weight`. */
    headWeight?: QuantInput;
    /** ReLU outputs of the front-end (unsigned; default 8 bits over [0, 4]). */
    activation?: QuantInput;
    /** Per convolution, overriding `activation` for that convolution's ReLU output. */
    convActivations?: (QuantInput | undefined)[];
    /** The LSTM cell's quantisers. */
    lstm?: QuantLstmQuantisers;
    /** The logits (signed; default 8 bits over ±8). */
    output?: QuantInput;
  };
  /** Trained weights; when absent they are drawn from `seed` (uniform ±1/√fan-in, like PyTorch). */
  weights?: ConvLstmWeights;
  /**
   * Windows per inference (default 1). With B > 1, X is [B, 1, window, features], the B sequences
   * run side by side as the B columns of the LSTM's state ([hidden, B]) and the logits are
   * [B, classes]: the same arithmetic per window as B runs of the batch-1 model.
   */
  batch?: number;
  seed?: number;
  opset?: number;
}

function absMax(a: Float32Array): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m || 1;
}

function checkSize(what: string, a: Float32Array, dims: number[]): void {
  const n = dims.reduce((p, d) => p * d, 1);
  if (a.length !== n) throw new RangeError(`weights.${what} has ${a.length} values, expected ${n} ([${dims.join(', ')}])`);
}

function checkLstmWeights(w: LstmWeights, inputSize: number, hidden: number): void {
  for (const g of ['f', 'i', 'o', 'c'] as const) {
    checkSize(`lstm.W.${g}`, w.W[g], [hidden, inputSize]);
    checkSize(`lstm.U.${g}`, w.U[g], [hidden, hidden]);
    checkSize(`lstm.b.${g}`, w.b[g], [hidden]);
  }
}

/** Declares a Scan body's [n, 1] column inputs and outputs as [n, batch]. */
function widenColumns(values: { type?: { kind: string; shape?: Dim[] } }[], batch: number): void {
  for (const v of values) {
    const t = v.type;
    if (t?.kind === 'tensor' && t.shape?.length === 2 && t.shape[1] === 1) t.shape = [t.shape[0], batch];
  }
}

/** Builds the quantised ConvLSTM. Input X [batch, 1, window, features]; output logits [batch, classes]. */
export function quantConvLstm(options: QuantConvLstmOptions = {}): Model {
  const T = options.window ?? 100;
  const F = options.features ?? 40;
  const [c1, c2, c3] = options.channels ?? [8, 8, 16];
  const H = options.hiddenSize ?? 32;
  const classes = options.classes ?? 3;
  const B = options.batch ?? 1;
  if (F % 4 !== 0) throw new RangeError(`features (${F}) must be a multiple of 4: [ask price, ask volume, bid price, bid volume] per level`);
  if (!Number.isInteger(B) || B < 1) throw new RangeError(`batch (${B}) must be a positive integer`);
  const rng = new Rng(options.seed ?? 1);
  const q = options.quant ?? {};
  const given = options.weights;
  const signed = (bits: number, range: number): QuantSpec => ({ bits, signed: true, narrow: false, scale: scaleFor(range, bits, true) });
  const bitsOf = (input: QuantInput | undefined) => (typeof input === 'number' ? input : input?.bits ?? 8);
  const inQ = resolveQuant(q.input, signed(bitsOf(q.input), 4));
  const actQ = (k: number): QuantSpec => {
    const a = q.convActivations?.[k] ?? q.activation;
    return resolveQuant(a, { bits: bitsOf(a), signed: false, narrow: false, scale: scaleFor(4, bitsOf(a), false) });
  };
  const outQ = resolveQuant(q.output, signed(bitsOf(q.output), 8));
  const weightQ = (w: Float32Array, input: QuantInput | undefined): QuantSpec => {
    const bits = bitsOf(input);
    return resolveQuant(input, { bits, signed: true, narrow: true, scale: scaleFor(absMax(w), bits, true, true) });
  };

  const b = new GraphBuilder('qcdq_conv_lstm');
  const x = b.input('X', 'float32', [B, 1, T, F]);
  // named 'input', not 'x': the Scan body's own input quantiser is 'x', and ONNX wants every name
  // unique across a graph and its subgraphs (onnxruntime refuses the model otherwise)
  let v = qcdq(b, x, inQ, 'input');
  const convs: [number, number, number, number][] = [
    [1, c1, 2, 2],
    [c1, c2, 2, 2],
    [c2, c3, F / 4, 1],
  ];
  convs.forEach(([cin, cout, kw, sw], k) => {
    const fanIn = cin * kw;
    const bound = 1 / Math.sqrt(fanIn);
    let wData: Float32Array;
    let bData: Float32Array;
    if (given) {
      ({ W: wData, b: bData } = given.conv[k]);
      checkSize(`conv[${k}].W`, wData, [cout, cin, 1, kw]);
      checkSize(`conv[${k}].b`, bData, [cout]);
    } else {
      wData = rng.floats(cout * cin * kw, -bound, bound);
      bData = rng.floats(cout, -bound, bound);
    }
    const w = b.initializer(`conv${k}_W`, new Tensor('float32', [cout, cin, 1, kw], wData));
    const bias = b.initializer(`conv${k}_B`, new Tensor('float32', [cout], bData));
    const wq = qcdq(b, w, weightQ(wData, q.convWeights?.[k] ?? q.weight), `conv${k}_W`);
    const conv = b.op('Conv', [v, wq, bias], { kernel_shape: [1, kw], strides: [1, sw] }, { name: `conv${k}` });
    const relu = b.op('Relu', [conv]);
    v = qcdq(b, relu, actQ(k), `conv${k}_act`);
  });
  // [B, c3, T, 1] → the LSTM's scan input [T, c3, B]: one column per window
  const seqShape = b.initializer('seq_shape', Tensor.int64([3], [T, c3, B]));
  const perm = b.op('Transpose', [v], { perm: [2, 1, 0, 3] });
  const seq = b.op('Reshape', [perm, seqShape], {}, { outputs: ['lstm_in'] });

  let w: LstmWeights;
  if (given) {
    w = given.lstm;
    checkLstmWeights(w, c3, H);
  } else {
    w = randomLstmWeights(c3, H, rng);
  }
  const cellQ = resolveCellQuantisers(q.lstm ?? {}, w);
  const body = buildQuantLstmBody(c3, H, w, cellQ);
  if (B > 1) {
    widenColumns(body.graph.inputs, B);
    widenColumns(body.graph.outputs, B);
  }
  const h0 = b.initializer('h0', Tensor.zeros('float32', [H, B]));
  const c0 = b.initializer('c0', Tensor.zeros('float32', [H, B]));
  const [hT] = b.node('Scan', [h0, c0, seq], { num_scan_inputs: 1, body: body.graph }, { outputs: ['h_final', 'c_final', 'h_seq'], name: 'lstm' });

  const hb = 1 / Math.sqrt(H);
  let headW: Float32Array;
  let headB: Float32Array;
  if (given) {
    ({ W: headW, b: headB } = given.head);
    checkSize('head.W', headW, [classes, H]);
    checkSize('head.b', headB, [classes]);
  } else {
    headW = rng.floats(classes * H, -hb, hb);
    headB = rng.floats(classes, -hb, hb);
  }
  const Wh = b.initializer('head_W', new Tensor('float32', [classes, H], headW));
  const Bh = b.initializer('head_B', new Tensor('float32', [classes, 1], headB));
  const logits = b.op('Add', [b.op('MatMul', [qcdq(b, Wh, weightQ(headW, q.headWeight ?? q.weight), 'head_W'), hT]), Bh]);
  const lq = qcdq(b, logits, outQ, 'logits');
  if (B === 1) {
    const outShape = b.initializer('logits_shape', Tensor.int64([2], [1, classes]));
    b.output(b.op('Reshape', [lq, outShape], {}, { outputs: ['logits'] }), 'float32', [1, classes]);
  } else {
    b.output(b.op('Transpose', [lq], { perm: [1, 0] }, { outputs: ['logits'] }), 'float32', [B, classes]);
  }
  return b.model({ opset: options.opset ?? 14 });
}
