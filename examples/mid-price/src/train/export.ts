import { type ConvLstmWeights, GATES, type Gate, type LstmWeights, type QuantConvLstmOptions, type QuantSpec } from '@scanflow/builders';
import { convGeometry, ConvLstmModel, type ConvLstmShape } from './model';
import { type ActivationQuantisers, type QuantConfig, weightSpec } from './quant-config';
import { tf } from './tf';

function absMax(...arrays: Float32Array[]): number {
  let m = 0;
  for (const a of arrays) for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

/** The model's parameters in the builder's (ONNX) layout. */
export function convLstmWeights(model: ConvLstmModel): ConvLstmWeights {
  const { hidden: H, classes } = model.shape;
  const C = model.shape.channels[2];
  const conv = convGeometry(model.shape).map(({ cin, cout, kw }, k) => {
    const m = model.conv[k].W.dataSync() as Float32Array; // [kw·cin, cout]
    const W = new Float32Array(cout * cin * kw); // [cout, cin, 1, kw]
    for (let o = 0; o < cout; o++) for (let ci = 0; ci < cin; ci++) for (let j = 0; j < kw; j++) W[(o * cin + ci) * kw + j] = m[(j * cin + ci) * cout + o];
    return { W, b: (model.conv[k].b.dataSync() as Float32Array).slice() };
  }) as ConvLstmWeights['conv'];
  const w = model.lstmW.dataSync() as Float32Array; // [C, 4H]
  const u = model.lstmU.dataSync() as Float32Array; // [H, 4H]
  const bias = model.lstmB.dataSync() as Float32Array;
  const lstm = { W: {}, U: {}, b: {} } as LstmWeights;
  GATES.forEach((g, gi) => {
    const W = new Float32Array(H * C);
    const U = new Float32Array(H * H);
    for (let j = 0; j < H; j++) {
      for (let c = 0; c < C; c++) W[j * C + c] = w[c * 4 * H + gi * H + j];
      for (let m = 0; m < H; m++) U[j * H + m] = u[m * 4 * H + gi * H + j];
    }
    lstm.W[g] = W;
    lstm.U[g] = U;
    lstm.b[g] = bias.slice(gi * H, (gi + 1) * H);
  });
  const hw = model.headW.dataSync() as Float32Array; // [H, classes]
  const headW = new Float32Array(classes * H);
  for (let o = 0; o < classes; o++) for (let j = 0; j < H; j++) headW[o * H + j] = hw[j * classes + o];
  return { conv, lstm, head: { W: headW, b: (model.headB.dataSync() as Float32Array).slice() } };
}

/** Loads builder-layout weights into a tfjs model (the inverse of `convLstmWeights`). */
export function modelFromWeights(shape: ConvLstmShape, weights: ConvLstmWeights): ConvLstmModel {
  const model = new ConvLstmModel(shape, 1);
  tf.tidy(() => assignWeights(model, weights));
  return model;
}

function assignWeights(model: ConvLstmModel, weights: ConvLstmWeights): void {
  const shape = model.shape;
  const { hidden: H, classes } = shape;
  const C = shape.channels[2];
  convGeometry(shape).forEach(({ cin, cout, kw }, k) => {
    const W = weights.conv[k].W;
    const m = new Float32Array(kw * cin * cout);
    for (let o = 0; o < cout; o++) for (let ci = 0; ci < cin; ci++) for (let j = 0; j < kw; j++) m[(j * cin + ci) * cout + o] = W[(o * cin + ci) * kw + j];
    model.conv[k].W.assign(tf.tensor(m, [kw * cin, cout]));
    model.conv[k].b.assign(tf.tensor(weights.conv[k].b, [cout]));
  });
  const w = new Float32Array(C * 4 * H);
  const u = new Float32Array(H * 4 * H);
  const b = new Float32Array(4 * H);
  GATES.forEach((g, gi) => {
    for (let j = 0; j < H; j++) {
      for (let c = 0; c < C; c++) w[c * 4 * H + gi * H + j] = weights.lstm.W[g][j * C + c];
      for (let m = 0; m < H; m++) u[m * 4 * H + gi * H + j] = weights.lstm.U[g][j * H + m];
      b[gi * H + j] = weights.lstm.b[g][j];
    }
  });
  model.lstmW.assign(tf.tensor(w, [C, 4 * H]));
  model.lstmU.assign(tf.tensor(u, [H, 4 * H]));
  model.lstmB.assign(tf.tensor(b, [4 * H]));
  const hw = new Float32Array(H * classes);
  for (let o = 0; o < classes; o++) for (let j = 0; j < H; j++) hw[j * classes + o] = weights.head.W[o * H + j];
  model.headW.assign(tf.tensor(hw, [H, classes]));
  model.headB.assign(tf.tensor(weights.head.b, [classes]));
}

/** The weight quantisers of trained weights: scales max |w| / (2^(b−1) − 1), per tensor / per gate. */
export function weightQuantisers(weights: ConvLstmWeights, q: QuantConfig): { conv: QuantSpec[]; lstm: Record<Gate, QuantSpec>; head: QuantSpec } {
  const lstm = {} as Record<Gate, QuantSpec>;
  for (const g of GATES) lstm[g] = weightSpec(q.bits.lstmWeight[g], absMax(weights.lstm.W[g], weights.lstm.U[g]));
  return {
    conv: weights.conv.map((c, k) => weightSpec(q.bits.convWeight[k], absMax(c.W))),
    lstm,
    head: weightSpec(q.bits.headWeight, absMax(weights.head.W)),
  };
}

/** Options for `quantConvLstm` that rebuild exactly this model: trained weights, every quantiser explicit. */
export function builderOptions(shape: ConvLstmShape, weights: ConvLstmWeights, q: QuantConfig, batch = 1): QuantConvLstmOptions {
  const wq = weightQuantisers(weights, q);
  const a: ActivationQuantisers = q.act;
  const perGate = {} as Record<Gate, { weight: QuantSpec; acc: QuantSpec; activation: QuantSpec }>;
  for (const g of GATES) perGate[g] = { weight: wq.lstm[g], acc: a.lstmAcc[g], activation: a.lstmAct[g] };
  return {
    window: shape.window,
    features: shape.features,
    channels: shape.channels,
    hiddenSize: shape.hidden,
    classes: shape.classes,
    weights,
    batch,
    quant: {
      input: a.input,
      convWeights: wq.conv,
      convActivations: a.convAct,
      headWeight: wq.head,
      output: a.output,
      lstm: { input: a.lstmIo, hidden: a.lstmIo, cell: a.lstmCell, hiddenTanh: a.lstmHiddenTanh, perGate },
    },
  };
}
