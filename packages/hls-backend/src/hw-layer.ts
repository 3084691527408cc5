import { definePlugin, HW_DOMAIN, type Plugin } from '@scanflow/ir';
import { layerGenerators } from './codegen/layers/index';
import type { LayerGenerator } from './codegen/layers/types';
import { layerEstimators } from './estimate/layers/index';
import type { LayerEstimator } from './estimate/layers/types';

/** What @scanflow/hls-backend reads for one hardware layer: its estimator and its code generator. */
export interface HwLayerDefinition {
  domain: string;
  opType: string;
  since?: number;
  override?: boolean;
  estimate?: LayerEstimator;
  codegen?: LayerGenerator;
}

declare module '@scanflow/ir' {
  interface PluginContributions {
    /** Hardware layers: estimators and code generators, read by @scanflow/hls-backend. */
    hwLayers?: HwLayerDefinition[];
  }
}

/** The built-in hardware layers (domain scanflow.hw) as a plugin. */
export function hwLayers(): Plugin {
  const types = [...new Set([...Object.keys(layerEstimators), ...Object.keys(layerGenerators)])].sort();
  return definePlugin({
    name: '@scanflow/hls-backend:hw-layers',
    hwLayers: types.map((opType) => ({ domain: HW_DOMAIN, opType, estimate: layerEstimators[opType], codegen: layerGenerators[opType] })),
  });
}
