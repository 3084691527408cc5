import type { LayerEstimator } from './types';

/** Estimators by op type (domain scanflow.hw). */
export const layerEstimators: Record<string, LayerEstimator> = {};
