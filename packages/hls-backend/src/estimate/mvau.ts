import { requireDivides, requirePositiveInteger } from './folding';
import { bram18Tiles, uramTiles } from './memory';
import { HlsEstimateError, type LayerEstimate, type WeightStorage } from './types';

/**
 * MVAU (matrix-vector-activation unit) estimator: cycles (reference spec §3.1) and the FINN-R
 * style LUT / BRAM18 / URAM / DSP model of the HLS MVAU (§3.2). All results are ESTIMATES.
 *
 * Notation: P = PE, Q = SIMD, W = weight bits, A = input bits, MW = input length, MH = output
 * length, SF = MW/Q, NF = MH/P, WMEM = SF·NF (weight memory depth), M = P·Q·W (its width),
 * TMEM = MH/P (threshold memory depth).
 */

/** Parameters of one MVAU. */
export interface MvauEstimateParams {
  /** Layer name used in error messages and notes. */
  name?: string;
  /** Matrix width: input vector length. */
  mw: number;
  /** Matrix height: output vector length. */
  mh: number;
  /** Output channels computed in parallel; mh % pe === 0. */
  pe: number;
  /** Input elements consumed in parallel per PE; mw % simd === 0. */
  simd: number;
  weightBits: number;
  inputBits: number;
  /** Whether the input is signed (lowers the accumulator bound by one bit). Default false. */
  inputSigned?: boolean;
  /** Accumulator width of the datatype chosen for the layer (an upper bound for the model). */
  accBits: number;
  /** Bits per stored threshold; defaults to the modelled accumulator width. */
  thresholdBits?: number;
  /** Thresholds per channel (2^outputBits − 1); 0 or absent means no fused activation. */
  thresholdSteps?: number;
  /** Weight memory: LUT-RAM, BRAM, URAM, or `auto` (LUT-RAM if WMEM ≤ 128, else BRAM). */
  weightStorage: WeightStorage;
  /** Multipliers: LUT fabric, DSP slices, or `auto` (DSP when W + A > AUTO_DSP_PRODUCT_BITS). */
  multiplier?: 'auto' | 'lut' | 'dsp';
  /** Vectors per input (multiple matrix-vector): only 1 is supported. */
  mmv?: 1;
  /** Input vectors processed per run (e.g. time steps × batch). Default 1. */
  numVectors?: number;
}

/** LUT model constants (§3.2): fixed overhead c0 and the per-PE scale c1. */
export const MVAU_LUT_BASE = 300;
export const MVAU_LUT_PE_SCALE = 1.1;
/** Words per LUT-RAM primitive assumed by the model (a 64-deep distributed RAM). */
export const LUTRAM_DEPTH = 64;
/** `auto` weight storage keeps weights in LUT-RAM up to this WMEM depth (§3.2, embedded mode). */
export const AUTO_LUT_MAX_WMEM = 128;
/** Bits one DSP multiplier input covers in the DSP count ⌈(W+A)/48⌉ (§3.2). */
export const DSP_PRODUCT_BITS = 48;
/**
 * Our policy (not from the reference, whose `auto` counts as LUT): `multiplier: 'auto'` uses DSP
 * slices once W + A exceeds this many bits; narrower products stay in LUTs.
 */
export const AUTO_DSP_PRODUCT_BITS = 8;

/** Derived MVAU quantities (§2.7). */
export interface MvauShape {
  sf: number;
  nf: number;
  wmem: number;
  tmem: number;
  /** Weight memory width in bits, P·Q·W. */
  weightMemWidth: number;
}

/** Validates the folding (mw % simd, mh % pe, mmv = 1) and returns SF, NF, WMEM, TMEM, M. */
export function mvauShape(p: MvauEstimateParams): MvauShape {
  const layer = `MVAU ${p.name ?? '(unnamed)'}`;
  requireDivides(layer, 'mw', p.mw, 'simd', p.simd);
  requireDivides(layer, 'mh', p.mh, 'pe', p.pe);
  requirePositiveInteger(layer, 'weightBits', p.weightBits);
  requirePositiveInteger(layer, 'inputBits', p.inputBits);
  requirePositiveInteger(layer, 'accBits', p.accBits);
  if (p.mmv !== undefined && p.mmv !== 1) {
    throw new HlsEstimateError(`${layer}: mmv must be 1 (multiple matrix-vector is not modelled), got ${p.mmv}`);
  }
  if (p.numVectors !== undefined) requirePositiveInteger(layer, 'numVectors', p.numVectors);
  const sf = p.mw / p.simd;
  const nf = p.mh / p.pe;
  const steps = p.thresholdSteps ?? 0;
  return { sf, nf, wmem: sf * nf, tmem: steps > 0 ? nf : 0, weightMemWidth: p.pe * p.simd * p.weightBits };
}

/** Cycles (§3.1): (MH/PE)·(MW/SIMD) per vector, times the number of vectors. ESTIMATE. */
export function mvauCycles(p: MvauEstimateParams): number {
  const { sf, nf } = mvauShape(p);
  return nf * sf * (p.numVectors ?? 1);
}

/**
 * Accumulator width the LUT model charges (§3.2):
 *   α = log2(MW) + W + A − 1 − [input signed];
 *   bits = min(accBits, ⌈α + log2(1 + 2^−α) + 1⌉).
 */
export function mvauModelAccBits(p: MvauEstimateParams): number {
  const alpha = Math.log2(p.mw) + p.weightBits + p.inputBits - 1 - (p.inputSigned ? 1 : 0);
  return Math.min(p.accBits, Math.ceil(alpha + Math.log2(1 + 2 ** -alpha) + 1));
}

/** Full MVAU estimate: cycles plus the FINN-R resource model. Every field is an ESTIMATE. */
export function estimateMvau(p: MvauEstimateParams): LayerEstimate {
  const shape = mvauShape(p);
  const { wmem, tmem, weightMemWidth: m } = shape;
  const P = p.pe;
  const Q = p.simd;
  const W = p.weightBits;
  const A = p.inputBits;
  const notes: string[] = [];

  // Weight storage: `auto` follows the embedded-memory rule (LUT-RAM when shallow, else BRAM).
  // The reference's embedded mode also charges URAM on top of BRAM for deep memories; we do not.
  const storage = p.weightStorage === 'auto' ? (wmem <= AUTO_LUT_MAX_WMEM ? 'lut' : 'bram') : p.weightStorage;
  if (p.weightStorage === 'auto') notes.push(`weights in ${storage} (auto, WMEM = ${wmem})`);

  // BRAM18 / URAM: the weight memory is WMEM deep and M = P·Q·W bits wide (§3.2).
  const bram18 = storage === 'bram' ? bram18Tiles(wmem, m) : 0;
  const uram = storage === 'uram' ? uramTiles(wmem, m) : 0;
  // c2: LUT-RAM weights, P·Q·W·⌈WMEM/64⌉.
  const c2 = storage === 'lut' ? P * Q * W * Math.ceil(wmem / LUTRAM_DEPTH) : 0;

  // Multipliers: Q·(2·⌈(W+A)/6⌉ − 1)·(W+A) LUTs per PE, or P·Q·⌈(W+A)/48⌉ DSPs.
  const wa = W + A;
  const mode = p.multiplier ?? 'auto';
  const useDsp = mode === 'dsp' || (mode === 'auto' && wa > AUTO_DSP_PRODUCT_BITS);
  const mult = useDsp ? 0 : Q * (2 * Math.ceil(wa / 6) - 1) * wa;
  const dsp = useDsp ? P * Q * Math.ceil(wa / DSP_PRODUCT_BITS) : 0;
  if (mode === 'auto') notes.push(`multipliers in ${useDsp ? 'DSP' : 'LUT'} (auto, W + A = ${wa})`);

  // Adder tree (W+A)·(2Q − 1) and accumulator acc_bits, per PE.
  const addertree = wa * (2 * Q - 1);
  const accBits = mvauModelAccBits(p);

  // Fused thresholds kept in LUT-RAM: steps·tbits·⌈TMEM/64⌉ storage plus steps·tbits comparators.
  const steps = p.thresholdSteps ?? 0;
  const tBits = p.thresholdBits ?? accBits;
  const thr = steps > 0 ? steps * tBits * Math.ceil(tmem / LUTRAM_DEPTH) : 0;
  const comp = steps > 0 ? steps * tBits : 0;
  if (steps > 0) notes.push('thresholds modelled as LUT-RAM (no BRAM threshold model)');

  const lut = Math.floor(MVAU_LUT_BASE + MVAU_LUT_PE_SCALE * P * (mult + addertree + accBits + thr + comp) + c2);
  notes.push('FF not modelled');
  return { cycles: mvauCycles(p), lut, ff: 0, bram18, uram, dsp, notes };
}
