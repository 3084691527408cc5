import { attrInt, toNumbers } from '@scanflow/ir';
import { resolveThresholdMethod } from '../../implementation/threshold-method';
import { estimateThresholding } from '../thresholding';
import type { LayerEstimate } from '../types';
import { initializerInput, layerLabel, optionalBits, parameterBits, requiredInt, streamBits } from './operands';
import type { EstimateContext } from './types';

/**
 * Thresholding node → `estimateThresholding` (input bits from x's datatype, NT from T [C or 1, NT],
 * one shared row = constant thresholds, out_bias, the output width from y's datatype). ESTIMATE.
 */
export function estimateThresholdingLayer(ctx: EstimateContext): LayerEstimate {
  const { node, graph } = ctx;
  const thresholds = initializerInput(graph, node, 1, 'thresholds');
  return estimateThresholding({
    name: layerLabel(node),
    channels: requiredInt(node, 'channels'),
    pe: ctx.folding.pe,
    inputBits: streamBits(graph, node, 0, 'input').bits,
    thresholdSteps: thresholds.dims[1],
    thresholdBits: parameterBits(graph, node, 1, 'thresholds'),
    sharedThresholds: thresholds.dims[0] === 1,
    outBias: attrInt(node, 'out_bias', 0),
    outputBits: optionalBits(graph, node.outputs[0]),
    storage: ctx.options?.thresholdStorage ?? 'lut',
    numVectors: ctx.numVectors ?? 1,
    method: resolveThresholdMethod(ctx.folding.thresholds ?? 'auto', toNumbers(thresholds), thresholds.dims[1]!, ctx.inStep ?? false, layerLabel(node)),
  });
}
