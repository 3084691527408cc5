import { requireDivides, requirePositiveInteger } from './folding';
import { zeroResources, type LayerEstimate } from './types';

/**
 * Element-wise layer estimator (add / multiply of two streams, per-channel affine, and similar
 * channel-parallel ops): cycles = channels/PE per vector (reference spec §3.1). ESTIMATE.
 *
 * The reference gives no resource model for these ops (FINN reports 0 for them), so every
 * resource is 0 and a note says so; treat the totals as a lower bound.
 */

export interface ElementwiseEstimateParams {
  name?: string;
  /** Operation label for notes, e.g. 'add', 'mul'. */
  op?: string;
  channels: number;
  /** Channels processed in parallel; channels % pe === 0. */
  pe: number;
  /** Input vectors per run. Default 1. */
  numVectors?: number;
}

/** Cycles: channels/PE per vector, times the number of vectors. ESTIMATE. */
export function elementwiseCycles(p: ElementwiseEstimateParams): number {
  const layer = `Elementwise${p.op ? ` ${p.op}` : ''} ${p.name ?? '(unnamed)'}`;
  requireDivides(layer, 'channels', p.channels, 'pe', p.pe);
  if (p.numVectors !== undefined) requirePositiveInteger(layer, 'numVectors', p.numVectors);
  return (p.channels / p.pe) * (p.numVectors ?? 1);
}

/** Cycles plus (unmodelled, zero) resources. ESTIMATE. */
export function estimateElementwise(p: ElementwiseEstimateParams): LayerEstimate {
  return zeroResources(elementwiseCycles(p), ['no resource model for element-wise ops; resources reported as 0']);
}
