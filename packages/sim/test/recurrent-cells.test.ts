import { attr, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { expectClose, runSingleNode } from './recurrent-support';

/**
 * Hand-worked single steps of LSTM, GRU and RNN: the expected values are the ONNX equations written
 * out element by element below, independent of the kernels.
 */
const sig = (x: number) => 1 / (1 + Math.exp(-x));
const f32 = (dims: number[], v: number[]) => Tensor.float32(dims, v);
const scalarOut = (dims: number[], v: number) => ({ dims, data: [v] });

describe('LSTM, one step by hand', () => {
  // I = 1, H = 1, B = 1, T = 1; W/R rows in gate order i, o, f, c; P in order i, o, f.
  const x = 0.5;
  const [wi, wo, wf, wc] = [0.3, -0.2, 0.8, 0.6];
  const [ri, ro, rf, rc] = [0.1, 0.4, -0.5, 0.2];
  const wb = [0.05, -0.1, 0.2, 0.0];
  const rb = [0.01, 0.02, -0.03, 0.04];
  const [pi, po, pf] = [0.25, -0.35, 0.15];
  const h0 = 0.3;
  const c0 = -0.6;
  const inputs = [
    f32([1, 1, 1], [x]),
    f32([1, 4, 1], [wi, wo, wf, wc]),
    f32([1, 4, 1], [ri, ro, rf, rc]),
    f32([1, 8], [...wb, ...rb]),
    undefined,
    f32([1, 1, 1], [h0]),
    f32([1, 1, 1], [c0]),
    f32([1, 3], [pi, po, pf]),
  ];

  it('computes i, f, c, o, Ct and Ht with peepholes and biases', () => {
    const i = sig(wi * x + ri * h0 + wb[0] + rb[0] + pi * c0);
    const f = sig(wf * x + rf * h0 + wb[2] + rb[2] + pf * c0);
    const g = Math.tanh(wc * x + rc * h0 + wb[3] + rb[3]);
    const c = f * c0 + i * g;
    const o = sig(wo * x + ro * h0 + wb[1] + rb[1] + po * c);
    const h = o * Math.tanh(c);
    const [Y, Yh, Yc] = runSingleNode('LSTM', inputs, { hidden_size: 1 }, 3);
    expect(expectClose(Y, scalarOut([1, 1, 1, 1], h))).toBeUndefined();
    expect(expectClose(Yh, scalarOut([1, 1, 1], h))).toBeUndefined();
    expect(expectClose(Yc, scalarOut([1, 1, 1], c))).toBeUndefined();
  });

  it('couples the forget gate to the input gate (input_forget) and clips pre-activations', () => {
    const clip = 0.2;
    const cl = (v: number) => Math.max(-clip, Math.min(clip, v));
    const i = sig(cl(wi * x + ri * h0 + wb[0] + rb[0] + pi * c0));
    const f = 1 - i;
    const g = Math.tanh(cl(wc * x + rc * h0 + wb[3] + rb[3]));
    const c = f * c0 + i * g;
    const o = sig(cl(wo * x + ro * h0 + wb[1] + rb[1] + po * c));
    const h = o * Math.tanh(c);
    const [, Yh, Yc] = runSingleNode('LSTM', inputs, { hidden_size: 1, input_forget: 1, clip: attr.float(clip) }, 3);
    expect(expectClose(Yh, scalarOut([1, 1, 1], h))).toBeUndefined();
    expect(expectClose(Yc, scalarOut([1, 1, 1], c))).toBeUndefined();
  });

  it('uses the matrix products with I = 2, H = 2 (no bias, zero initial state)', () => {
    const xv = [1, -2];
    // rows: i0 i1 o0 o1 f0 f1 c0 c1
    const W = [0.1, 0.2, -0.3, 0.4, 0.5, -0.6, 0.7, 0.8, -0.1, 0.3, 0.2, -0.2, 0.6, 0.1, -0.4, 0.5];
    const R = new Array(16).fill(0.7);
    const pre = (row: number) => W[2 * row] * xv[0] + W[2 * row + 1] * xv[1]; // h0 = 0, so R contributes nothing
    const h: number[] = [];
    const c: number[] = [];
    for (let j = 0; j < 2; j++) {
      const i = sig(pre(j));
      const o = sig(pre(2 + j));
      const f = sig(pre(4 + j));
      const g = Math.tanh(pre(6 + j));
      c.push(f * 0 + i * g);
      h.push(o * Math.tanh(c[j]));
    }
    const [Y, Yh, Yc] = runSingleNode('LSTM', [f32([1, 1, 2], xv), f32([1, 8, 2], W), f32([1, 8, 2], R)], { hidden_size: 2 }, 3);
    expect(expectClose(Y, { dims: [1, 1, 1, 2], data: h })).toBeUndefined();
    expect(expectClose(Yh, { dims: [1, 1, 2], data: h })).toBeUndefined();
    expect(expectClose(Yc, { dims: [1, 1, 2], data: c })).toBeUndefined();
  });
});

describe('GRU, one step by hand', () => {
  const x = -0.7;
  const [wz, wr, wh] = [0.4, -0.3, 0.9];
  const [rz, rr, rh] = [0.2, 0.5, -0.6];
  const wb = [0.1, -0.05, 0.3];
  const rb = [-0.2, 0.15, 0.25];
  const h0 = 0.8;
  const inputs = [f32([1, 1, 1], [x]), f32([1, 3, 1], [wz, wr, wh]), f32([1, 3, 1], [rz, rr, rh]), f32([1, 6], [...wb, ...rb]), undefined, f32([1, 1, 1], [h0])];
  const z = sig(wz * x + rz * h0 + wb[0] + rb[0]);
  const r = sig(wr * x + rr * h0 + wb[1] + rb[1]);

  it('linear_before_reset = 0: the reset gate scales Ht-1 before Rh', () => {
    const hh = Math.tanh(wh * x + rh * (r * h0) + rb[2] + wb[2]);
    const h = (1 - z) * hh + z * h0;
    const [Y, Yh] = runSingleNode('GRU', inputs, { hidden_size: 1 }, 2);
    expect(expectClose(Y, scalarOut([1, 1, 1, 1], h))).toBeUndefined();
    expect(expectClose(Yh, scalarOut([1, 1, 1], h))).toBeUndefined();
  });

  it('linear_before_reset = 1: the reset gate scales (Ht-1·Rh + Rbh)', () => {
    const hh = Math.tanh(wh * x + r * (rh * h0 + rb[2]) + wb[2]);
    const h = (1 - z) * hh + z * h0;
    const [, Yh] = runSingleNode('GRU', inputs, { hidden_size: 1, linear_before_reset: 1 }, 2);
    expect(expectClose(Yh, scalarOut([1, 1, 1], h))).toBeUndefined();
  });
});

describe('RNN by hand', () => {
  it('one step, H = 2, Relu with clip', () => {
    const x = 2;
    const W = [0.5, -0.25];
    const R = [1, 0, 0, 1];
    const B = [0.1, 0.2, 0.3, 0.4];
    const h0 = [0.5, 0.6];
    const clip = 1.2;
    const h = [0, 1].map((j) => Math.max(0, Math.min(clip, Math.max(-clip, W[j] * x + R[2 * j] * h0[0] + R[2 * j + 1] * h0[1] + B[j] + B[2 + j]))));
    const [Y, Yh] = runSingleNode(
      'RNN',
      [f32([1, 1, 1], [x]), f32([1, 2, 1], W), f32([1, 2, 2], R), f32([1, 4], B), undefined, f32([1, 1, 2], h0)],
      { hidden_size: 2, activations: ['Relu'], clip: attr.float(clip) },
      2,
    );
    expect(expectClose(Y, { dims: [1, 1, 1, 2], data: h })).toBeUndefined();
    expect(expectClose(Yh, { dims: [1, 1, 2], data: h })).toBeUndefined();
  });

  it('reverse direction over two steps, with layout 1 (batch first)', () => {
    // H = 1, I = 1, B = 1: Ht = tanh(w·x + r·Ht-1), walked from the last step to the first.
    const w = 0.8;
    const r = -0.5;
    const xs = [0.3, -0.9];
    const h1 = Math.tanh(w * xs[1]); // step t = 1 first
    const h0 = Math.tanh(w * xs[0] + r * h1);
    const [Y, Yh] = runSingleNode('RNN', [f32([1, 2, 1], xs), f32([1, 1, 1], [w]), f32([1, 1, 1], [r])], { hidden_size: 1, direction: 'reverse', layout: 1 }, 2);
    expect(expectClose(Y, { dims: [1, 2, 1, 1], data: [h0, h1] })).toBeUndefined();
    expect(expectClose(Yh, { dims: [1, 1, 1], data: [h0] })).toBeUndefined();
  });

  it('sequence_lens: zeros past the end in Y, Y_h is the last valid state', () => {
    // T = 3, B = 2 (lengths 3 and 1), I = H = 1, w = 1, r = 0.5, no bias.
    const xs = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]; // [T, B, I]
    const a1 = Math.tanh(0.1);
    const a2 = Math.tanh(0.3 + 0.5 * a1);
    const a3 = Math.tanh(0.5 + 0.5 * a2);
    const b1 = Math.tanh(0.2);
    const [Y, Yh] = runSingleNode(
      'RNN',
      [f32([3, 2, 1], xs), f32([1, 1, 1], [1]), f32([1, 1, 1], [0.5]), undefined, new Tensor('int32', [2], Int32Array.from([3, 1]))],
      { hidden_size: 1 },
      2,
    );
    expect(expectClose(Y, { dims: [3, 1, 2, 1], data: [a1, b1, a2, 0, a3, 0] })).toBeUndefined();
    expect(expectClose(Yh, { dims: [1, 2, 1], data: [a3, b1] })).toBeUndefined();
  });
});

describe('sequence_lens = 0', () => {
  it('an entry of length 0 has zero Y, Y_h and Y_c even with initial states (onnxruntime behaviour)', () => {
    // T = 1, B = 2, I = H = 1; entry 0 has length 0, entry 1 length 1 (x = 0.5, all weights 0.5, no bias)
    const h0 = [0.7, 0.9];
    const c0 = [-0.4, 0.3];
    const pre = 0.5 * 0.5 + 0.5 * h0[1];
    const c = sig(pre) * c0[1] + sig(pre) * Math.tanh(pre);
    const h = sig(pre) * Math.tanh(c);
    const [Y, Yh, Yc] = runSingleNode(
      'LSTM',
      [f32([1, 2, 1], [0.25, 0.5]), f32([1, 4, 1], [0.5, 0.5, 0.5, 0.5]), f32([1, 4, 1], [0.5, 0.5, 0.5, 0.5]), undefined, new Tensor('int32', [2], Int32Array.from([0, 1])), f32([1, 2, 1], h0), f32([1, 2, 1], c0)],
      { hidden_size: 1 },
      3,
    );
    expect(expectClose(Y, { dims: [1, 1, 2, 1], data: [0, h] })).toBeUndefined();
    expect(expectClose(Yh, { dims: [1, 2, 1], data: [0, h] })).toBeUndefined();
    expect(expectClose(Yc, { dims: [1, 2, 1], data: [0, c] })).toBeUndefined();
  });
});

describe('activation functions (RNN with w = 1, r = 0, so Y = f(X))', () => {
  const xs = [-2, -0.5, 0, 0.3, 1.5];
  const cases: { name: string; alpha?: number[]; beta?: number[]; f: (x: number) => number }[] = [
    { name: 'Sigmoid', f: sig },
    { name: 'Tanh', f: Math.tanh },
    { name: 'Relu', f: (x) => Math.max(0, x) },
    { name: 'Affine', alpha: [0.5], beta: [0.25], f: (x) => 0.5 * x + 0.25 },
    { name: 'LeakyRelu', alpha: [0.1], f: (x) => (x >= 0 ? x : 0.1 * x) },
    { name: 'LeakyRelu', f: (x) => (x >= 0 ? x : 0.01 * x) },
    { name: 'ThresholdedRelu', alpha: [0.2], f: (x) => (x > 0.2 ? x : 0) },
    // without activation_alpha onnxruntime uses alpha 0 for ThresholdedRelu (the standalone op: 1)
    { name: 'ThresholdedRelu', f: (x) => (x > 0 ? x : 0) },
    { name: 'ScaledTanh', alpha: [2], beta: [0.5], f: (x) => 2 * Math.tanh(0.5 * x) },
    { name: 'HardSigmoid', alpha: [0.3], beta: [0.4], f: (x) => Math.min(1, Math.max(0, 0.3 * x + 0.4)) },
    { name: 'HardSigmoid', f: (x) => Math.min(1, Math.max(0, 0.2 * x + 0.5)) },
    { name: 'Elu', alpha: [0.7], f: (x) => (x >= 0 ? x : 0.7 * (Math.exp(x) - 1)) },
    { name: 'Softsign', f: (x) => x / (1 + Math.abs(x)) },
    { name: 'Softplus', f: (x) => Math.log(1 + Math.exp(x)) },
  ];
  const run = (attrs: Record<string, unknown>, dirs = 1) =>
    runSingleNode(
      'RNN',
      [f32([xs.length, 1, 1], xs), f32([dirs, 1, 1], new Array(dirs).fill(1)), f32([dirs, 1, 1], new Array(dirs).fill(0))],
      { hidden_size: 1, ...(attrs as object) },
      1,
    )[0];
  for (const c of cases) {
    it(`${c.name}${c.alpha ? ` alpha=${c.alpha}` : ''}${c.beta ? ` beta=${c.beta}` : ''}`, () => {
      const Y = run({ activations: [c.name], activation_alpha: c.alpha && attr.floats(c.alpha), activation_beta: c.beta && attr.floats(c.beta) });
      expect(expectClose(Y, { dims: [xs.length, 1, 1, 1], data: xs.map(c.f) })).toBeUndefined();
    });
  }

  it('bidirectional: alpha / beta are consumed in order by the functions that take them', () => {
    // forward: Sigmoid (takes nothing); reverse: HardSigmoid (takes alpha 0.3 and beta 0.4).
    const Y = run({ direction: 'bidirectional', activations: ['Sigmoid', 'HardSigmoid'], activation_alpha: attr.floats([0.3]), activation_beta: attr.floats([0.4]) }, 2);
    const fwd = xs.map(sig);
    const rev = xs.map((x) => Math.min(1, Math.max(0, 0.3 * x + 0.4)));
    // Y [T, D, B, H]
    expect(expectClose(Y, { dims: [xs.length, 2, 1, 1], data: xs.flatMap((_, t) => [fwd[t], rev[t]]) })).toBeUndefined();
  });

  it('is case-insensitive and rejects unknown names', () => {
    expect(expectClose(run({ activations: ['relu'] }), { dims: [xs.length, 1, 1, 1], data: xs.map((x) => Math.max(0, x)) })).toBeUndefined();
    expect(() => run({ activations: ['Swish'] })).toThrow(/node 'n' \(RNN\).*unsupported activation function 'Swish'/);
  });
});

describe('input checks', () => {
  it('names the node and the expected shape of W', () => {
    expect(() => runSingleNode('LSTM', [f32([1, 1, 2], [1, 2]), f32([1, 4, 3], new Array(12).fill(0)), f32([1, 4, 1], [0, 0, 0, 0])], { hidden_size: 1 }, 3)).toThrow(
      /node 'n' \(LSTM\): W must have shape \[1, 4, 2\]/,
    );
  });

  it('refuses layout 1 before opset 14', () => {
    expect(() => runSingleNode('RNN', [f32([1, 1, 1], [1]), f32([1, 1, 1], [1]), f32([1, 1, 1], [0])], { layout: 1 }, 2, 13)).toThrow(/layout.*opset 14/);
  });
});
