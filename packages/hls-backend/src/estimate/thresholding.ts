import { requireDivides, requirePositiveInteger } from './folding';
import type { LayerEstimate } from './types';

/**
 * Stand-alone multi-threshold activation estimator: cycles (reference spec §3.1) and the HLS
 * thresholding resource model (§3.3). All results are ESTIMATES.
 *
 * Notation: A = input bits, P = PE, TMEM = channels/P (threshold memory depth).
 */

export interface ThresholdingEstimateParams {
  name?: string;
  channels: number;
  /** Channels processed in parallel; channels % pe === 0. */
  pe: number;
  inputBits: number;
  /** Thresholds per channel. Carried for reports; the §3.3 model does not use it. */
  thresholdSteps: number;
  /** Bits per threshold. Carried for reports; the §3.3 model does not use it. */
  thresholdBits?: number;
  /** Threshold memory in LUT-RAM or block RAM. */
  storage: 'lut' | 'bram';
  /** Input vectors per run. Default 1. */
  numVectors?: number;
}

/** Input bits one RAMB18 row covers in the BRAM model ⌈A·P/16⌉ (§3.3). */
export const THRESHOLD_BRAM_WIDTH = 16;
/** Threshold-memory words per BRAM18 column in the model ⌈TMEM/1024⌉ (§3.3). */
export const THRESHOLD_BRAM_DEPTH = 1024;
/** Threshold-memory words per LUT-RAM primitive in the model ⌈TMEM/64⌉ (§3.3). */
export const THRESHOLD_LUTRAM_DEPTH = 64;

function validate(p: ThresholdingEstimateParams): number {
  const layer = `Thresholding ${p.name ?? '(unnamed)'}`;
  requireDivides(layer, 'channels', p.channels, 'pe', p.pe);
  requirePositiveInteger(layer, 'inputBits', p.inputBits);
  requirePositiveInteger(layer, 'thresholdSteps', p.thresholdSteps);
  if (p.numVectors !== undefined) requirePositiveInteger(layer, 'numVectors', p.numVectors);
  return p.channels / p.pe;
}

/** Cycles (§3.1): channels/PE per vector, times the number of vectors. ESTIMATE. */
export function thresholdingCycles(p: ThresholdingEstimateParams): number {
  return validate(p) * (p.numVectors ?? 1);
}

/**
 * Resources (§3.3), ESTIMATES:
 *   BRAM18 = ⌈A·P/16⌉·⌈TMEM/1024⌉ if storage = bram and TMEM > 1, else 0;
 *   LUT = A·P (comparators) + (P·A·⌈TMEM/64⌉ if storage = lut and TMEM > 1, else 0);
 *   URAM = DSP = 0.
 */
export function estimateThresholding(p: ThresholdingEstimateParams): LayerEstimate {
  const tmem = validate(p);
  const A = p.inputBits;
  const P = p.pe;
  const deep = tmem > 1;
  const bram18 =
    p.storage === 'bram' && deep ? Math.ceil((A * P) / THRESHOLD_BRAM_WIDTH) * Math.ceil(tmem / THRESHOLD_BRAM_DEPTH) : 0;
  const lutRam = p.storage === 'lut' && deep ? P * A * Math.ceil(tmem / THRESHOLD_LUTRAM_DEPTH) : 0;
  return {
    cycles: thresholdingCycles(p),
    lut: A * P + lutRam,
    ff: 0,
    bram18,
    uram: 0,
    dsp: 0,
    notes: ['model ignores threshold count and width', 'FF not modelled'],
  };
}
