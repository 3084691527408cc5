import { requireDivides, requirePositiveInteger } from './folding';
import { loopControlResources, wrapCounterResources } from './primitives/control';
import { mvauDepth } from './primitives/depth';
import { mvauLaneResources } from './primitives/mvau-lane';
import type { MultiplierPolicy } from './primitives/multiplier';
import { AUTO_LUTROM_MAX_DEPTH } from './primitives/parameter-memory';
import { muxLuts, noResources, sumResources } from './primitives/resources';
import { HlsEstimateError, type LayerEstimate, type ResourceEstimate, type WeightStorage } from './types';
import type { ThresholdMethod } from '../implementation/threshold-method';

/**
 * MVAU (matrix-vector-activation unit) estimator: cycles (reference spec §3.1) and a structural
 * resource model of scanflow::mvau / mvau_thresholds (include/scanflow/mvau.hpp). All results are
 * ESTIMATES.
 *
 * Notation: P = PE, Q = SIMD, W = weight bits, A = input bits, MW = input length, MH = output
 * length, SF = MW/Q, NF = MH/P, WMEM = SF·NF (weight words per lane), TMEM = NF (threshold words).
 *
 * Resources = P lanes (primitives/mvau-lane.ts: Q weight memories of WMEM words, Q products under
 * the multiplier policy, the adder tree, accumulator and fused thresholds) + the input stage (a
 * Q·A-bit operand register; when NF > 1 the SF-word input buffer in registers, its write enables
 * and the (SF + 1):1 read mux) + the nf / sf / tile counters + the loop control (primitives/control.ts).
 * FINN-R's calibration constants (c0 = 300, c1 = 1.1) are not applied: control and registers are
 * counted explicitly. Differences from the reference's §3.2 model: the weight memory is one memory
 * per lane and SIMD, as the generated partitioning makes it (the LUT-ROM count equals the
 * reference's c2 beyond 32 words and is half of it up to 32 by LUT combining; BRAM counts are per
 * partition), comparators are 2 bits per LUT (variable
 * thresholds) or 3 (constants), and FF are counted.
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
  /** One threshold row shared by every channel (constants in every lane). Default false. */
  sharedThresholds?: boolean;
  /** Threshold memories when NF > 1. Default 'lut'. */
  thresholdStorage?: 'auto' | 'lut' | 'bram';
  /** The fused activation's output bias when known (0 drops its adder). */
  outBias?: number;
  /** How the fused thresholds are applied (default compare-all). */
  thresholdMethod?: ThresholdMethod;
  /** Output element width (default: the count width with thresholds, else the accumulator width). */
  outputBits?: number;
  /** Weight memory: LUT-ROM, BRAM, URAM, or `auto` (LUT-ROM if WMEM ≤ 128, else BRAM). */
  weightStorage: WeightStorage;
  /** Multipliers: LUT fabric, DSP slices, or `auto` (primitives/multiplier.ts: LUT up to 10 × 10 bits). */
  multiplier?: MultiplierPolicy;
  /** Vectors per input (multiple matrix-vector): only 1 is supported. */
  mmv?: 1;
  /** Input vectors processed per run (e.g. time steps × batch). Default 1. */
  numVectors?: number;
}

/** `auto` weight storage keeps weights in LUT-ROM up to this WMEM depth (§3.2, embedded mode). */
export const AUTO_LUT_MAX_WMEM = AUTO_LUTROM_MAX_DEPTH;

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

/** Input stage: the operand register, and when NF > 1 the SF-word input buffer with its write enables and read mux. */
function inputStage(p: MvauEstimateParams, sf: number, nf: number): ResourceEstimate {
  const word = p.simd * p.inputBits;
  if (nf === 1) return { ...noResources(), ff: word };
  return { ...noResources(), lut: word * muxLuts(sf + 1) + (sf > 1 ? sf : 0), ff: word + sf * word };
}

/** Full MVAU estimate: cycles plus the structural resource model. Every field is an ESTIMATE. */
export function estimateMvau(p: MvauEstimateParams): LayerEstimate {
  const { sf, nf, wmem } = mvauShape(p);
  const accBits = mvauModelAccBits(p);
  const steps = p.thresholdSteps ?? 0;
  const cycles = mvauCycles(p);
  const lanes = mvauLaneResources({
    pe: p.pe,
    simd: p.simd,
    weightBits: p.weightBits,
    inputBits: p.inputBits,
    accBits,
    weightDepth: wmem,
    weightStorage: p.weightStorage,
    multiplier: p.multiplier ?? 'auto',
    thresholds:
      steps > 0
        ? { steps, bits: p.thresholdBits ?? accBits, depth: p.sharedThresholds ? 1 : nf, storage: p.thresholdStorage ?? 'lut', outBias: p.outBias, ...(p.thresholdMethod ? { method: p.thresholdMethod } : {}) }
        : undefined,
    outputBits: p.outputBits,
  });
  const depth = mvauDepth({ simd: p.simd, weightBits: p.weightBits, inputBits: p.inputBits, multiplier: p.multiplier, thresholdSteps: steps, accBits, ...(p.thresholdMethod ? { thresholdMethod: p.thresholdMethod } : {}) });
  const r = sumResources(
    lanes,
    inputStage(p, sf, nf),
    wrapCounterResources(nf),
    wrapCounterResources(sf),
    wrapCounterResources(wmem),
    loopControlResources({ trips: cycles, depth }),
  );
  return { cycles, ...r };
}
