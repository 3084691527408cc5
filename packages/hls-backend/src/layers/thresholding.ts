import { attrInt } from '@scanflow/ir';
import { generateThresholding } from '../codegen/layers/thresholding';
import { estimateThresholdingLayer } from '../estimate/layers/thresholding';
import type { HwLayerDefinition } from '../hw-layer';
import { HW_LAYER_DOMAIN } from './domain';

/** Thresholding: a multi-threshold activation per channel; PE divides the channels. */
export const thresholdingLayer: HwLayerDefinition = {
  domain: HW_LAYER_DOMAIN,
  opType: 'Thresholding',
  estimate: estimateThresholdingLayer,
  codegen: generateThresholding,
  functionPrefix: 'thr',
  dataInputs: () => [0],
  step: 'threshold',
  folding: { pe: (node) => attrInt(node, 'channels') },
  thresholdsInput: () => 1,
};
