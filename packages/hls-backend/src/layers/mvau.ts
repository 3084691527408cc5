import { attrInt } from '@scanflow/ir';
import { generateMvau } from '../codegen/layers/mvau';
import { estimateMvauLayer } from '../estimate/layers/mvau';
import { MVAU_PIPELINE_DEPTH } from '../estimate/graph/streaming-latency';
import type { HwLayerDefinition } from '../hw-layer';
import { HW_LAYER_DOMAIN } from './domain';

/** MVAU: matrix-vector(-activation) unit; PE divides MH, SIMD divides MW; the first output after SF + the pipeline depth. */
export const mvauLayer: HwLayerDefinition = {
  domain: HW_LAYER_DOMAIN,
  opType: 'MVAU',
  estimate: estimateMvauLayer,
  codegen: generateMvau,
  functionPrefix: 'mvau',
  dataInputs: () => [0],
  vectorChannels: (node) => attrInt(node, 'mw'),
  outputShape: (node, x) => [...x.slice(0, -1), attrInt(node, 'mh')],
  firstOutputDelay: (node, f) => attrInt(node, 'mw') / (f.simd ?? 1) + MVAU_PIPELINE_DEPTH,
  step: 'matrix',
  folding: { pe: (node) => attrInt(node, 'mh'), simd: (node) => attrInt(node, 'mw'), names: { pe: 'mh', simd: 'mw' } },
  multiplies: () => true,
  thresholdsInput: (node) => (node.inputs[2] ? 2 : undefined),
};
