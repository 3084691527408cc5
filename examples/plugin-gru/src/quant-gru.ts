import { type QuantInput, type QuantSpec, qcdq, resolveQuant, Rng, scaleFor } from '@scanflow/builders';
import { type Dim, GraphBuilder, type Model, Tensor } from '@scanflow/ir';

/** GRU gates: update z, reset r, candidate h (the ONNX row order). */
export const GRU_GATES = ['z', 'r', 'h'] as const;
export type GruGate = (typeof GRU_GATES)[number];

/** The quantisers of one gate's path. */
export interface GruPathQuantisers {
  /** W_g and U_g (one quantiser for both); scale max|W_g, U_g| / max_int, narrow. */
  weight?: QuantInput;
  /** The accumulator W_g·x + U_g·(…) + b_g. */
  acc?: QuantInput;
  /** The activation's output: σ (unsigned, over [0, 1]) for z and r, tanh (signed, over [−1, 1]) for h. */
  activation?: QuantInput;
}

/**
 * The cell's quantisers, each a bit width or a partial QuantSpec (zero point 0 everywhere): one
 * set per path — update (z), reset (r), candidate (h) — and the shared ones.
 */
export interface QuantGruQuantisers {
  /** Default of every path's weight quantiser. */
  weight?: QuantInput;
  /** x_t. */
  input?: QuantInput;
  /** h_t, (1 − z) ⊙ h̃ and z ⊙ h (default: the input quantiser, as h feeds U·h like x feeds W·x). */
  hidden?: QuantInput;
  update?: GruPathQuantisers;
  reset?: GruPathQuantisers;
  candidate?: GruPathQuantisers;
  /** The reset product: r ⊙ h (linear_before_reset 0), or r ⊙ (U_h·h + b) and W_h·x (linear_before_reset 1). */
  resetProduct?: QuantInput;
}

/** Float weights per gate: W_g [hidden × input], U_g [hidden × hidden], b_g [hidden] (and, for linear_before_reset, the candidate's recurrent bias). */
export interface GruWeights {
  W: Record<GruGate, Float32Array>;
  U: Record<GruGate, Float32Array>;
  b: Record<GruGate, Float32Array>;
  /** The candidate's recurrent bias, added to U_h·h before the reset gate (linear_before_reset 1 only). */
  bRecurrent: Float32Array;
}

export interface QuantGruOptions {
  inputSize: number;
  hiddenSize: number;
  /** Sequence length: a number or a symbolic name (default 'T'). */
  seqLen?: number | string;
  quant?: QuantGruQuantisers;
  /** When absent, drawn from `seed` (uniform ±1/√hidden). */
  weights?: GruWeights;
  seed?: number;
  /** 0 (default): h̃ = tanh(W·x + U·(r ⊙ h) + b); 1: h̃ = tanh(W·x + r ⊙ (U·h + b_rec) + b). */
  linearBeforeReset?: 0 | 1;
  /** Walk the sequence from the last step (Scan directions 1). */
  reverse?: boolean;
  opset?: number;
}

/** The resolved quantisers of a cell. */
export interface GruCellQuantisers {
  input: QuantSpec;
  hidden: QuantSpec;
  resetProduct: QuantSpec;
  weight: Record<GruGate, QuantSpec>;
  acc: Record<GruGate, QuantSpec>;
  activation: Record<GruGate, QuantSpec>;
}

/** Draws GRU weights uniformly in ±1/√hidden. */
export function randomGruWeights(inputSize: number, hiddenSize: number, rng: Rng): GruWeights {
  const k = 1 / Math.sqrt(hiddenSize);
  const per = (f: () => Float32Array): Record<GruGate, Float32Array> => ({ z: f(), r: f(), h: f() });
  return {
    W: per(() => rng.floats(hiddenSize * inputSize, -k, k)),
    U: per(() => rng.floats(hiddenSize * hiddenSize, -k, k)),
    b: per(() => rng.floats(hiddenSize, -k, k)),
    bRecurrent: rng.floats(hiddenSize, -k, k),
  };
}

function absMax(...arrays: Float32Array[]): number {
  let m = 0;
  for (const a of arrays) for (const v of a) m = Math.max(m, Math.abs(v));
  return m || 1;
}

/** Fills in the quantisers: 8 bits by default; signed scales over ±4 (x, h, accumulators), σ over [0, 1], tanh over [−1, 1]. */
export function resolveGruQuantisers(q: QuantGruQuantisers, w: GruWeights): GruCellQuantisers {
  const signed = (bits: number, range: number): QuantSpec => ({ bits, signed: true, narrow: false, scale: scaleFor(range, bits, true) });
  const make = (input: QuantInput | undefined, fallback: (bits: number) => QuantSpec): QuantSpec => resolveQuant(input, fallback(typeof input === 'number' ? input : input?.bits ?? 8));
  const input = make(q.input, (b) => signed(b, 4));
  const hidden = q.hidden === undefined ? { ...input } : make(q.hidden, (b) => signed(b, 4));
  const path: Record<GruGate, GruPathQuantisers | undefined> = { z: q.update, r: q.reset, h: q.candidate };
  const weight = {} as Record<GruGate, QuantSpec>;
  const acc = {} as Record<GruGate, QuantSpec>;
  const activation = {} as Record<GruGate, QuantSpec>;
  for (const g of GRU_GATES) {
    const p = path[g] ?? {};
    const wAbs = absMax(w.W[g], w.U[g]);
    weight[g] = make(p.weight ?? q.weight, (b) => ({ bits: b, signed: true, narrow: true, scale: scaleFor(wAbs, b, true, true) }));
    acc[g] = make(p.acc, (b) => signed(b, 4));
    activation[g] = g === 'h' ? make(p.activation, (b) => signed(b, 1)) : make(p.activation, (b) => ({ bits: b, signed: false, narrow: false, scale: scaleFor(1, b, false) }));
  }
  const resetProduct = q.resetProduct === undefined ? { ...hidden } : make(q.resetProduct, (b) => signed(b, 4));
  return { input, hidden, resetProduct, weight, acc, activation };
}

/**
 * One QCDQ GRU step as a Scan body in FINN-GL's column form: inputs (h_t-1 [H, 1], x_t [I, 1]),
 * outputs (h_t, h_t_concat); every product MatMul(W, v):
 *
 *   z = Q(σ(Q(W_z·x + U_z·h + b_z)))          r = Q(σ(Q(W_r·x + U_r·h + b_r)))
 *   h̃ = Q(tanh(Q(W_h·x + U_h·Q(r ⊙ h) + b_h)))                       linear_before_reset 0
 *   h̃ = Q(tanh(Q(Q(W_h·x) + Q(r ⊙ Q(U_h·h + b_rec)) + b_h)))        linear_before_reset 1
 *
 * (with linear_before_reset 1, W_h·x and the reset product share one quantiser, so that their sum
 * is on one grid and streamlines to integers).
 *   h_t = Q(Q((1 − z) ⊙ h̃) + Q(z ⊙ h))
 */
export function buildQuantGruBody(inputSize: number, hiddenSize: number, w: GruWeights, q: GruCellQuantisers, linearBeforeReset: 0 | 1, name = 'qcdq_gru_body'): GraphBuilder {
  const H = hiddenSize;
  const b = new GraphBuilder(name);
  const h = b.input('h_t-1', 'float32', [H, 1]);
  const x = b.input('inp', 'float32', [inputSize, 1]);
  const xq = qcdq(b, x, q.input, 'x');
  const out = (base: string): { outputs: string[] } => ({ outputs: [b.fresh(base)] });
  const W = {} as Record<GruGate, string>;
  const U = {} as Record<GruGate, string>;
  for (const g of GRU_GATES) {
    W[g] = qcdq(b, b.initializer(`W_${g}`, new Tensor('float32', [H, inputSize], w.W[g])), q.weight[g], `W_${g}`);
    U[g] = qcdq(b, b.initializer(`U_${g}`, new Tensor('float32', [H, H], w.U[g])), q.weight[g], `U_${g}`);
  }
  // Q(act(Q(W_g·x + recurrent + b_g)))
  // (with linear_before_reset, W_h·x is quantised like the reset product it is added to: one grid for the sum)
  const gate = (g: GruGate, recurrent: string): string => {
    let wx = b.op('MatMul', [W[g], xq], {}, out(`Wx_${g}`));
    if (g === 'h' && linearBeforeReset === 1) wx = qcdq(b, wx, q.resetProduct, `Wx_${g}`);
    const sum = b.op('Add', [wx, recurrent], {}, out(`sum_${g}`));
    const pre = b.op('Add', [sum, b.initializer(`b_${g}`, new Tensor('float32', [H, 1], w.b[g]))], {}, out(`pre_${g}`));
    const acc = qcdq(b, pre, q.acc[g], `acc_${g}`);
    return qcdq(b, b.op(g === 'h' ? 'Tanh' : 'Sigmoid', [acc], {}, out(`act_${g}`)), q.activation[g], `act_${g}`);
  };
  const uh = (g: GruGate, v: string): string => b.op('MatMul', [U[g], v], {}, out(`Uh_${g}`));
  const z = gate('z', uh('z', h));
  const r = gate('r', uh('r', h));
  let recurrent: string;
  if (linearBeforeReset === 0) {
    recurrent = uh('h', qcdq(b, b.op('Mul', [r, h], {}, out('r_h')), q.resetProduct, 'r_h'));
  } else {
    const lin = b.op('Add', [uh('h', h), b.initializer('b_rec_h', new Tensor('float32', [H, 1], w.bRecurrent))], {}, out('Uh_h_b'));
    recurrent = qcdq(b, b.op('Mul', [r, qcdq(b, lin, q.acc.h, 'rec_h')], {}, out('r_Uh')), q.resetProduct, 'r_Uh');
  }
  const hc = gate('h', recurrent);
  const one = b.initializer('one', Tensor.scalar('float32', 1));
  const keep = qcdq(b, b.op('Mul', [b.op('Sub', [one, z], {}, out('one_minus_z')), hc], {}, out('keep')), q.hidden, 'keep');
  const take = qcdq(b, b.op('Mul', [z, h], {}, out('take')), q.hidden, 'take');
  const hOut = qcdq(b, b.op('Add', [keep, take], {}, out('h_sum')), q.hidden, 'h', 'h_t');
  b.output(hOut, 'float32', [H, 1]);
  b.output(b.op('Identity', [hOut], {}, { outputs: ['h_t_concat'] }), 'float32', [H, 1]);
  return b;
}

/**
 * A quantised GRU in QCDQ form inside an ONNX Scan (the FINN-GL form of a recurrent layer), every
 * quantiser's bit width free per path. Inputs X [T, I, 1] and h0 [H, 1] (quantised with the hidden
 * quantiser before the Scan); outputs the final h [H, 1] and the hidden sequence [T, H, 1].
 */
export function quantGru(options: QuantGruOptions): Model {
  const { inputSize, hiddenSize } = options;
  const rng = new Rng(options.seed ?? 1);
  const T: Dim = options.seqLen ?? 'T';
  const w = options.weights ?? randomGruWeights(inputSize, hiddenSize, rng);
  const q = resolveGruQuantisers(options.quant ?? {}, w);
  const body = buildQuantGruBody(inputSize, hiddenSize, w, q, options.linearBeforeReset ?? 0);
  const b = new GraphBuilder('qcdq_gru');
  const x = b.input('X', 'float32', [T, inputSize, 1]);
  const h0 = qcdq(b, b.input('h0', 'float32', [hiddenSize, 1]), q.hidden, 'h0');
  const directions = options.reverse ? { scan_input_directions: [1], scan_output_directions: [1] } : {};
  b.node('Scan', [h0, x], { num_scan_inputs: 1, body: body.graph, ...directions }, { outputs: ['h_final', 'h_seq'], name: 'gru' });
  b.output('h_final', 'float32', [hiddenSize, 1]);
  b.output('h_seq', 'float32', [T, hiddenSize, 1]);
  return b.model({ opset: options.opset ?? 14, irVersion: 8 });
}
