import { estimateThresholding } from '../thresholding';
import type { LayerEstimate } from '../types';
import { initializerInput, layerLabel, parameterBits, requiredInt, streamBits } from './operands';
import type { EstimateContext } from './types';

/** Thresholding node → `estimateThresholding` (input bits from x's datatype, NT from T). ESTIMATE. */
export function estimateThresholdingLayer(ctx: EstimateContext): LayerEstimate {
  const { node, graph } = ctx;
  return estimateThresholding({
    name: layerLabel(node),
    channels: requiredInt(node, 'channels'),
    pe: ctx.folding.pe,
    inputBits: streamBits(graph, node, 0, 'input').bits,
    thresholdSteps: initializerInput(graph, node, 1, 'thresholds').dims[1],
    thresholdBits: parameterBits(graph, node, 1, 'thresholds'),
    storage: ctx.options?.thresholdStorage ?? 'lut',
    numVectors: ctx.numVectors ?? 1,
  });
}
