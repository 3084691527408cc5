import { GATES, type Gate, type QuantSpec, scaleFor } from '@scanflow/builders';

/**
 * The bit width of every quantiser the exported graph holds (25 of them): the model input, the
 * weights and ReLU outputs of the three convolutions, the LSTM cell's per-gate weights (W and U
 * share one), x_t and h_t (one quantiser for both, see `lstmIo`), the cell state (f⊙c, i⊙g and c
 * share one, as in the builder's cell), the
 * per-gate accumulators and activations (sigmoid for f, i, o; tanh for the cell gate c), tanh(c_t),
 * the classifier's weights and the logits.
 */
export interface BitWidths {
  input: number;
  convWeight: [number, number, number];
  convAct: [number, number, number];
  lstmWeight: Record<Gate, number>;
  /**
   * x_t and h_t: one quantiser (bit width and scale) for both, as in FINN-GL's cell and the
   * builder's default. W·x and U·h are added, so the streamlined integer-only graph needs both on
   * one scale; with two scales their sum keeps float Muls and the LSTM cannot become hardware.
   */
  lstmIo: number;
  lstmCell: number;
  lstmAcc: Record<Gate, number>;
  lstmAct: Record<Gate, number>;
  lstmHiddenTanh: number;
  headWeight: number;
  output: number;
}

/** A bit-width setting in a few numbers; anything not given falls back to W8A6. */
export interface BitSetting {
  /** Every weight quantiser (default 8). */
  weights?: number;
  /** Every activation quantiser not named below (default 6). */
  activations?: number;
  /** The sigmoid outputs of gates f, i, o (default: `activations`). */
  sigmoid?: number;
  /** tanh of the cell gate and tanh(c_t) (default: `activations`). */
  tanh?: number;
  /** The LSTM's x_t and h_t (default 8, as FINN-GL's W8A6 cell). */
  lstmIo?: number;
  /** The model input (default 8). */
  input?: number;
  /** The logits (default 8). */
  output?: number;
}

const perGate = (n: number): Record<Gate, number> => ({ f: n, i: n, o: n, c: n });

/** Expands a setting; `bitWidths()` is the default W8A6 configuration. */
export function bitWidths(s: BitSetting = {}): BitWidths {
  const w = s.weights ?? 8;
  const a = s.activations ?? 6;
  const sig = s.sigmoid ?? a;
  const tanh = s.tanh ?? a;
  const io = s.lstmIo ?? 8;
  return {
    input: s.input ?? 8,
    convWeight: [w, w, w],
    convAct: [a, a, a],
    lstmWeight: perGate(w),
    lstmIo: io,
    lstmCell: a,
    lstmAcc: perGate(a),
    lstmAct: { f: sig, i: sig, o: sig, c: tanh },
    lstmHiddenTanh: tanh,
    headWeight: w,
    output: s.output ?? 8,
  };
}

/** Ranges (largest magnitude kept) of the calibrated activations, measured on the float model. */
export interface ActivationRanges {
  input: number;
  convAct: [number, number, number];
  /** The larger of x_t's and h_t's ranges. */
  lstmIo: number;
  lstmCell: number;
  lstmAcc: Record<Gate, number>;
  output: number;
}

/** Every activation quantiser with its scale. */
export interface ActivationQuantisers {
  input: QuantSpec;
  convAct: [QuantSpec, QuantSpec, QuantSpec];
  /** x_t and h_t. */
  lstmIo: QuantSpec;
  lstmCell: QuantSpec;
  lstmAcc: Record<Gate, QuantSpec>;
  lstmAct: Record<Gate, QuantSpec>;
  lstmHiddenTanh: QuantSpec;
  output: QuantSpec;
}

/** Bit widths plus activation scales: what the QAT forward and the export share. */
export interface QuantConfig {
  bits: BitWidths;
  act: ActivationQuantisers;
}

export const signedSpec = (bits: number, range: number): QuantSpec => ({ bits, signed: true, narrow: false, scale: scaleFor(range, bits, true) });
export const unsignedSpec = (bits: number, range: number): QuantSpec => ({ bits, signed: false, narrow: false, scale: scaleFor(range, bits, false) });
/** A weight quantiser: signed, narrow range, scale max|w| / (2^(b−1) − 1), as the builder derives it. */
export const weightSpec = (bits: number, absMax: number): QuantSpec => ({ bits, signed: true, narrow: true, scale: scaleFor(absMax || 1, bits, true, true) });

/**
 * Scales for the activation quantisers: calibrated ranges for the input, ReLU outputs, x_t / h_t,
 * the cell state, the accumulators and the logits; the fixed ranges [0, 1] for the sigmoids and ±1
 * for the tanhs.
 */
export function activationQuantisers(bits: BitWidths, r: ActivationRanges): ActivationQuantisers {
  const acc = {} as Record<Gate, QuantSpec>;
  const act = {} as Record<Gate, QuantSpec>;
  for (const g of GATES) {
    acc[g] = signedSpec(bits.lstmAcc[g], r.lstmAcc[g]);
    act[g] = g === 'c' ? signedSpec(bits.lstmAct[g], 1) : unsignedSpec(bits.lstmAct[g], 1);
  }
  return {
    input: signedSpec(bits.input, r.input),
    convAct: r.convAct.map((range, k) => unsignedSpec(bits.convAct[k], range)) as [QuantSpec, QuantSpec, QuantSpec],
    lstmIo: signedSpec(bits.lstmIo, r.lstmIo),
    lstmCell: signedSpec(bits.lstmCell, r.lstmCell),
    lstmAcc: acc,
    lstmAct: act,
    lstmHiddenTanh: signedSpec(bits.lstmHiddenTanh, 1),
    output: signedSpec(bits.output, r.output),
  };
}

/** A one-line description of a bit-width setting, e.g. "W8 A6 (sigmoid 6, tanh 6, x/h 8, in 8, out 8)". */
export function describeBits(b: BitWidths): string {
  return `W${b.convWeight[0]} A${b.convAct[0]} (sigmoid ${b.lstmAct.f}, tanh ${b.lstmAct.c}, x/h ${b.lstmIo}, in ${b.input}, out ${b.output})`;
}
