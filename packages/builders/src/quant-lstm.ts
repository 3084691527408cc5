import { type Dim, GraphBuilder, type Model, Tensor } from '@scanflow/ir';
import { qcdq } from './qcdq';
import { type QuantInput, type QuantSpec, resolveQuant, scaleFor } from './quant-spec';
import { Rng } from './random';

/** LSTM gates in the order FINN-GL's Scan body computes them. */
export const GATES = ['f', 'i', 'o', 'c'] as const;
export type Gate = (typeof GATES)[number];

/**
 * The cell's quantisers, after Brevitas QuantLSTM (11 activation quantisers plus one weight
 * quantiser per gate shared by W and U). Each takes a bit width or a partial QuantSpec; per-gate
 * entries override the shared ones.
 */
export interface QuantLstmQuantisers {
  /** Weight quantiser of every gate (W and U share it); the scale defaults to max|W, U| / max_int. */
  weight?: QuantInput;
  /** x_t (the io quantiser). */
  input?: QuantInput;
  /** h_t (the output quantiser); defaults to the input quantiser, as h_t feeds U·h like x feeds W·x. */
  hidden?: QuantInput;
  /** The cell state: f⊙c, i⊙g and c before its tanh. */
  cell?: QuantInput;
  /** Gate accumulators (W·x + U·h + b) of every gate. */
  acc?: QuantInput;
  /** The sigmoid outputs of the i, f and o gates (unsigned). */
  sigmoid?: QuantInput;
  /** tanh of the cell gate g. */
  tanh?: QuantInput;
  /** tanh(c_t) before the output gate. */
  hiddenTanh?: QuantInput;
  perGate?: Partial<Record<Gate, { weight?: QuantInput; acc?: QuantInput; activation?: QuantInput }>>;
}

/** Float weights: W_g [hidden × input], U_g [hidden × hidden], b_g [hidden], row-major. */
export interface LstmWeights {
  W: Record<Gate, Float32Array>;
  U: Record<Gate, Float32Array>;
  b: Record<Gate, Float32Array>;
}

export interface QuantLstmOptions {
  inputSize: number;
  hiddenSize: number;
  /** Sequence length: a number, or a symbolic name (default 'T'). */
  seqLen?: number | string;
  quant?: QuantLstmQuantisers;
  /** Weights per layer; when absent they are drawn from `seed` (uniform ±1/√hidden, like PyTorch). */
  weights?: LstmWeights[];
  seed?: number;
  /** Stacked layers (default 1): layer k+1 reads layer k's hidden-state sequence. */
  layers?: number;
  /** Run the recurrence from the last step to the first (Scan input and output directions 1). */
  reverse?: boolean;
  /**
   * Quantise the initial states h0 / c0 with the hidden / cell quantisers before the Scan (default
   * true), as the hardware does: every state the cell sees is then on its quantisation grid, and the
   * integer-only (streamlined) model equals this one for any h0, c0.
   */
  quantizeInitialState?: boolean;
  opset?: number;
}

/** The resolved quantisers of one cell. */
export interface CellQuantisers {
  input: QuantSpec;
  hidden: QuantSpec;
  cell: QuantSpec;
  hiddenTanh: QuantSpec;
  weight: Record<Gate, QuantSpec>;
  acc: Record<Gate, QuantSpec>;
  activation: Record<Gate, QuantSpec>;
}

/** Draws LSTM weights uniformly in ±1/√hidden. */
export function randomLstmWeights(inputSize: number, hiddenSize: number, rng: Rng): LstmWeights {
  const k = 1 / Math.sqrt(hiddenSize);
  const per = <T>(f: () => T): Record<Gate, T> => ({ f: f(), i: f(), o: f(), c: f() });
  return {
    W: per(() => rng.floats(hiddenSize * inputSize, -k, k)),
    U: per(() => rng.floats(hiddenSize * hiddenSize, -k, k)),
    b: per(() => rng.floats(hiddenSize, -k, k)),
  };
}

function absMax(...arrays: Float32Array[]): number {
  let m = 0;
  for (const a of arrays) for (const v of a) m = Math.max(m, Math.abs(v));
  return m || 1;
}

/** Resolves the quantiser options for one cell with FINN-GL-like defaults (8-bit everywhere). */
export function resolveCellQuantisers(q: QuantLstmQuantisers, w: LstmWeights): CellQuantisers {
  const signed = (bits: number, absRange: number): QuantSpec => ({ bits, signed: true, narrow: false, scale: scaleFor(absRange, bits, true) });
  const withScale = (input: QuantInput | undefined, bitsDefault: number, make: (bits: number) => QuantSpec): QuantSpec => {
    const bits = typeof input === 'number' ? input : input?.bits ?? bitsDefault;
    return resolveQuant(input, make(bits));
  };
  const input = withScale(q.input, 8, (b) => signed(b, 4));
  const hidden = q.hidden === undefined ? { ...input } : withScale(q.hidden, 8, (b) => signed(b, 4));
  const cell = withScale(q.cell, 8, (b) => signed(b, 2));
  const hiddenTanh = withScale(q.hiddenTanh, 8, (b) => signed(b, 1));
  const weight = {} as Record<Gate, QuantSpec>;
  const acc = {} as Record<Gate, QuantSpec>;
  const activation = {} as Record<Gate, QuantSpec>;
  for (const g of GATES) {
    const pg = q.perGate?.[g] ?? {};
    const wAbs = absMax(w.W[g], w.U[g]);
    weight[g] = withScale(pg.weight ?? q.weight, 8, (b) => ({ bits: b, signed: true, narrow: true, scale: scaleFor(wAbs, b, true, true) }));
    acc[g] = withScale(pg.acc ?? q.acc, 8, (b) => signed(b, 4));
    activation[g] =
      g === 'c'
        ? withScale(pg.activation ?? q.tanh, 8, (b) => signed(b, 1))
        : withScale(pg.activation ?? q.sigmoid, 8, (b) => ({ bits: b, signed: false, narrow: false, scale: scaleFor(1, b, false) }));
  }
  return { input, hidden, cell, hiddenTanh, weight, acc, activation };
}

/**
 * Builds one QCDQ LSTM step as a Scan body, like FINN-GL's hand-built body: inputs (h_t-1, c_t-1,
 * x_t) of shapes [H,1], [H,1], [F,1]; outputs (h_t, c_t, h_t_concat). Vectors are columns and every
 * product is MatMul(W, x).
 */
export function buildQuantLstmBody(inputSize: number, hiddenSize: number, w: LstmWeights, q: CellQuantisers, name = 'qcdq_lstm_body'): GraphBuilder {
  const H = hiddenSize;
  const F = inputSize;
  const b = new GraphBuilder(name);
  const h = b.input('h_t-1', 'float32', [H, 1]);
  const c = b.input('c_t-1', 'float32', [H, 1]);
  const x = b.input('inp', 'float32', [F, 1]);
  const xq = qcdq(b, x, q.input, 'x');
  const act: Partial<Record<Gate, string>> = {};
  for (const g of GATES) {
    const W = b.initializer(`W_${g}`, new Tensor('float32', [H, F], w.W[g]));
    const U = b.initializer(`U_${g}`, new Tensor('float32', [H, H], w.U[g]));
    const bias = b.initializer(`b_${g}`, new Tensor('float32', [H, 1], w.b[g]));
    const Wq = qcdq(b, W, q.weight[g], `W_${g}`);
    const Uq = qcdq(b, U, q.weight[g], `U_${g}`);
    const wx = b.op('MatMul', [Wq, xq], {}, { outputs: [b.fresh(`Wx_${g}`)] });
    const uh = b.op('MatMul', [Uq, h], {}, { outputs: [b.fresh(`Uh_${g}`)] });
    const sum = b.op('Add', [wx, uh], {}, { outputs: [b.fresh(`sum_${g}`)] });
    const pre = b.op('Add', [sum, bias], {}, { outputs: [b.fresh(`pre_${g}`)] });
    const accq = qcdq(b, pre, q.acc[g], `acc_${g}`);
    const a = b.op(g === 'c' ? 'Tanh' : 'Sigmoid', [accq], {}, { outputs: [b.fresh(`act_${g}`)] });
    act[g] = qcdq(b, a, q.activation[g], `act_${g}`);
  }
  const fc = qcdq(b, b.op('Mul', [act.f!, c], {}, { outputs: [b.fresh('f_c')] }), q.cell, 'fc');
  const ig = qcdq(b, b.op('Mul', [act.i!, act.c!], {}, { outputs: [b.fresh('i_g')] }), q.cell, 'ig');
  const cNext = b.op('Add', [fc, ig], {}, { outputs: ['c_t'] });
  const cq = qcdq(b, cNext, q.cell, 'c_out');
  const tc = qcdq(b, b.op('Tanh', [cq], {}, { outputs: [b.fresh('tanh_c')] }), q.hiddenTanh, 'tanh_c');
  const hOut = qcdq(b, b.op('Mul', [act.o!, tc], {}, { outputs: [b.fresh('o_tanh_c')] }), q.hidden, 'h', 'h_t');
  const hCat = b.op('Identity', [hOut], {}, { outputs: ['h_t_concat'] });
  b.output(hOut, 'float32', [H, 1]);
  b.output(cNext, 'float32', [H, 1]);
  b.output(hCat, 'float32', [H, 1]);
  return b;
}

/**
 * A quantised LSTM in QCDQ form inside ONNX Scan, equivalent to Brevitas QuantLSTM with every
 * quantiser's bit width, signedness and scale free. Inputs: X [T, F, 1] and, per layer, h0 / c0
 * [H, 1]; outputs: per layer the final h and c, then the last layer's hidden sequence [T, H, 1].
 */
export function quantLstm(options: QuantLstmOptions): Model {
  const { inputSize, hiddenSize } = options;
  const layers = options.layers ?? 1;
  const rng = new Rng(options.seed ?? 1);
  const T: Dim = options.seqLen ?? 'T';
  const b = new GraphBuilder('qcdq_lstm');
  let seq = b.input('X', 'float32', [T, inputSize, 1]);
  const finals: string[] = [];
  for (let l = 0; l < layers; l++) {
    const F = l === 0 ? inputSize : hiddenSize;
    const w = options.weights?.[l] ?? randomLstmWeights(F, hiddenSize, rng);
    const q = resolveCellQuantisers(options.quant ?? {}, w);
    const body = buildQuantLstmBody(F, hiddenSize, w, q, `qcdq_lstm_body${layers > 1 ? `_${l}` : ''}`);
    const sfx = layers > 1 ? `_${l}` : '';
    let h0 = b.input(`h0${sfx}`, 'float32', [hiddenSize, 1]);
    let c0 = b.input(`c0${sfx}`, 'float32', [hiddenSize, 1]);
    if (options.quantizeInitialState ?? true) {
      h0 = qcdq(b, h0, q.hidden, `h0${sfx}`);
      c0 = qcdq(b, c0, q.cell, `c0${sfx}`);
    }
    const directions = options.reverse ? { scan_input_directions: [1], scan_output_directions: [1] } : {};
    const [hT, cT, hs] = b.node('Scan', [h0, c0, seq], { num_scan_inputs: 1, body: body.graph, ...directions }, {
      outputs: [`h_final${sfx}`, `c_final${sfx}`, `h_seq${sfx}`],
      name: `lstm${sfx}`,
    });
    finals.push(hT, cT);
    seq = hs;
  }
  for (const f of finals) b.output(f, 'float32', [hiddenSize, 1]);
  b.output(seq, 'float32', [T, hiddenSize, 1]);
  return b.model({ opset: options.opset ?? 14, irVersion: 8 });
}
