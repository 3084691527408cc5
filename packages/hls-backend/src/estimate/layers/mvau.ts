import { attrInt, attrString, parseDataType, toNumbers } from '@scanflow/ir';
import { resolveThresholdMethod } from '../../implementation/threshold-method';
import { estimateMvau } from '../mvau';
import type { LayerEstimate } from '../types';
import { initializerInput, layerLabel, optionalBits, parameterBits, requiredInt, streamBits } from './operands';
import type { EstimateContext } from './types';

/**
 * MVAU node → `estimateMvau`: mw, mh, acc_dtype from the attributes, weight bits from W's
 * datatype (or its values), input bits from x's datatype, threshold steps from T [MH or 1, NT]
 * (one shared row: constant thresholds), out_bias, the output width from y's datatype. ESTIMATE.
 */
export function estimateMvauLayer(ctx: EstimateContext): LayerEstimate {
  const { node, graph } = ctx;
  const hasThresholds = !!node.inputs[2];
  const input = streamBits(graph, node, 0, 'input');
  const thresholds = hasThresholds ? initializerInput(graph, node, 2, 'thresholds') : undefined;
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
    ...(thresholds
      ? {
          thresholdSteps: thresholds.dims[1],
          thresholdBits: parameterBits(graph, node, 2, 'thresholds'),
          sharedThresholds: thresholds.dims[0] === 1,
          thresholdStorage: ctx.options?.thresholdStorage ?? 'lut',
          outBias: attrInt(node, 'out_bias', 0),
          thresholdMethod: resolveThresholdMethod(ctx.folding.thresholds ?? 'auto', toNumbers(thresholds), thresholds.dims[1]!, ctx.inStep ?? false, layerLabel(node)),
        }
      : {}),
    outputBits: optionalBits(graph, node.outputs[0]),
    weightStorage: ctx.options?.weightStorage ?? 'auto',
    multiplier: ctx.folding.mult && ctx.folding.mult !== 'auto' ? ctx.folding.mult : (ctx.options?.multiplier ?? 'auto'),
    numVectors: ctx.numVectors ?? 1,
  });
}
