import { attrString, parseDataType } from '@scanflow/ir';
import { estimateMvau } from '../mvau';
import type { LayerEstimate } from '../types';
import { initializerInput, layerLabel, parameterBits, requiredInt, streamBits } from './operands';
import type { EstimateContext } from './types';

/**
 * MVAU node → `estimateMvau`: mw, mh, acc_dtype from the attributes, weight bits from W's
 * datatype (or its values), input bits from x's datatype, threshold steps from T [MH or 1, NT].
 * ESTIMATE.
 */
export function estimateMvauLayer(ctx: EstimateContext): LayerEstimate {
  const { node, graph } = ctx;
  const hasThresholds = !!node.inputs[2];
  const input = streamBits(graph, node, 0, 'input');
  return estimateMvau({
    name: layerLabel(node),
    mw: requiredInt(node, 'mw'),
    mh: requiredInt(node, 'mh'),
    pe: ctx.folding.pe,
    simd: ctx.folding.simd ?? 1,
    weightBits: parameterBits(graph, node, 1, 'weights'),
    inputBits: input.bits,
    inputSigned: input.signed,
    accBits: parseDataType(attrString(node, 'acc_dtype')).bitWidth,
    ...(hasThresholds
      ? { thresholdSteps: initializerInput(graph, node, 2, 'thresholds').dims[1], thresholdBits: parameterBits(graph, node, 2, 'thresholds') }
      : {}),
    weightStorage: ctx.options?.weightStorage ?? 'auto',
    multiplier: ctx.options?.multiplier ?? 'auto',
    numVectors: ctx.numVectors ?? 1,
  });
}
