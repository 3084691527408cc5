import { requireDivides, requirePositiveInteger } from './folding';
import { zeroResources, type LayerEstimate } from './types';

/**
 * Stream duplication (fan-out of one stream to several consumers) estimator: cycles =
 * channels/PE per vector (reference spec §3.1). ESTIMATE.
 *
 * The reference gives no resource model for duplication (FINN reports 0), so every resource is 0
 * and a note says so.
 */

export interface DuplicateStreamsEstimateParams {
  name?: string;
  channels: number;
  /** Channels copied per cycle; channels % pe === 0. */
  pe: number;
  /** Number of output copies (≥ 2). Default 2. Does not change the cycle count. */
  numOutputs?: number;
  /** Input vectors per run. Default 1. */
  numVectors?: number;
}

/** Cycles: channels/PE per vector, times the number of vectors. ESTIMATE. */
export function duplicateStreamsCycles(p: DuplicateStreamsEstimateParams): number {
  const layer = `DuplicateStreams ${p.name ?? '(unnamed)'}`;
  requireDivides(layer, 'channels', p.channels, 'pe', p.pe);
  if (p.numOutputs !== undefined) requirePositiveInteger(layer, 'numOutputs', p.numOutputs);
  if (p.numVectors !== undefined) requirePositiveInteger(layer, 'numVectors', p.numVectors);
  return (p.channels / p.pe) * (p.numVectors ?? 1);
}

/** Cycles plus (unmodelled, zero) resources. ESTIMATE. */
export function estimateDuplicateStreams(p: DuplicateStreamsEstimateParams): LayerEstimate {
  return zeroResources(duplicateStreamsCycles(p), ['no resource model for stream duplication; resources reported as 0']);
}
