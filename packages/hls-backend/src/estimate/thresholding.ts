import { requireDivides, requirePositiveInteger } from './folding';
import { loopControlResources, wrapCounterResources } from './primitives/control';
import { thresholdDepth } from './primitives/depth';
import { sumResources } from './primitives/resources';
import { thresholdLaneResources } from './primitives/threshold-lane';
import type { LayerEstimate } from './types';
import type { ThresholdMethod } from '../implementation/threshold-method';

/**
 * Stand-alone multi-threshold activation estimator (scanflow::thresholding / thresholding_shared):
 * cycles (reference spec §3.1) and a structural resource model. All results are ESTIMATES.
 *
 * Notation: C = channels, P = PE, A = input bits, T = threshold bits, NT = thresholds per channel,
 * NF = C/P. Resources = P threshold lanes (primitives/threshold-lane.ts: NT comparators, the count
 * tree and the output bias per lane, thresholds as constants when NF = 1 or shared, else NT
 * memories of NF words per lane) + the nf counter + the loop control. Unlike the reference's §3.3
 * model (A·P LUTs whatever NT), the cost grows with NT × width × PE.
 */

export interface ThresholdingEstimateParams {
  name?: string;
  channels: number;
  /** Channels processed in parallel; channels % pe === 0. */
  pe: number;
  inputBits: number;
  /** Thresholds per channel (NT). */
  thresholdSteps: number;
  /** Bits per stored threshold (T). Default inputBits. */
  thresholdBits?: number;
  /** Threshold memories (used when NF > 1 and the thresholds are per channel): LUT-ROM or block RAM. */
  storage: 'lut' | 'bram';
  /** One threshold row shared by every channel (thresholding_shared: constants). Default false. */
  sharedThresholds?: boolean;
  /** Output element width. Default: bits of the count 0..NT. */
  outputBits?: number;
  /** The output bias when known (0 drops its adder). */
  outBias?: number;
  /** Input vectors per run. Default 1. */
  numVectors?: number;
  /** compare-all (default), the binary search or the two-level search over sorted rows. */
  method?: ThresholdMethod;
}

function validate(p: ThresholdingEstimateParams): number {
  const layer = `Thresholding ${p.name ?? '(unnamed)'}`;
  requireDivides(layer, 'channels', p.channels, 'pe', p.pe);
  requirePositiveInteger(layer, 'inputBits', p.inputBits);
  requirePositiveInteger(layer, 'thresholdSteps', p.thresholdSteps);
  if (p.thresholdBits !== undefined) requirePositiveInteger(layer, 'thresholdBits', p.thresholdBits);
  if (p.outputBits !== undefined) requirePositiveInteger(layer, 'outputBits', p.outputBits);
  if (p.numVectors !== undefined) requirePositiveInteger(layer, 'numVectors', p.numVectors);
  return p.channels / p.pe;
}

/** Cycles (§3.1): channels/PE per vector, times the number of vectors. ESTIMATE. */
export function thresholdingCycles(p: ThresholdingEstimateParams): number {
  return validate(p) * (p.numVectors ?? 1);
}

/** Cycles plus the structural resource model. Every field is an ESTIMATE. */
export function estimateThresholding(p: ThresholdingEstimateParams): LayerEstimate {
  const nf = validate(p);
  const cycles = thresholdingCycles(p);
  const lanes = thresholdLaneResources({
    pe: p.pe,
    steps: p.thresholdSteps,
    inputBits: p.inputBits,
    thresholdBits: p.thresholdBits,
    depth: p.sharedThresholds ? 1 : nf,
    storage: p.storage,
    outputBits: p.outputBits,
    outBias: p.outBias,
    ...(p.method ? { method: p.method } : {}),
  });
  const depth = thresholdDepth({ steps: p.thresholdSteps, bits: Math.max(p.inputBits, p.thresholdBits ?? p.inputBits), ...(p.method ? { method: p.method } : {}) });
  const r = sumResources(lanes, wrapCounterResources(p.sharedThresholds ? 1 : nf), loopControlResources({ trips: cycles, depth }));
  return { cycles, ...r };
}
