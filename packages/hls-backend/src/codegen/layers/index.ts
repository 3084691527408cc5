import type { LayerGenerator } from './types';

/** Code generators by op type (domain scanflow.hw). */
export const layerGenerators: Record<string, LayerGenerator> = {};
