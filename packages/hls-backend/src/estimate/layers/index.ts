import { estimateDuplicateStreamsLayer } from './duplicate-streams';
import { estimateElementwiseLayer } from './elementwise';
import { estimateMvauLayer } from './mvau';
import { estimateThresholdingLayer } from './thresholding';
import type { LayerEstimator } from './types';

/**
 * Estimators of the streaming layers by op type (domain scanflow.hw). The Recurrence is not a
 * streaming layer: `estimateModel` composes it from its body (see ../graph/recurrence.ts).
 */
export const layerEstimators: Record<string, LayerEstimator> = {
  MVAU: estimateMvauLayer,
  Thresholding: estimateThresholdingLayer,
  ElementwiseAdd: estimateElementwiseLayer,
  ElementwiseMul: estimateElementwiseLayer,
  DuplicateStreams: estimateDuplicateStreamsLayer,
};

/** Layers whose folding (`pe`, and `simd` for the MVAU) can be chosen. */
export const FOLDABLE_OP_TYPES: readonly string[] = Object.keys(layerEstimators);
