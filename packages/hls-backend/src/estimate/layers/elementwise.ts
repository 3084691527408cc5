import { estimateElementwise } from '../elementwise';
import type { LayerEstimate } from '../types';
import { layerLabel, requiredInt } from './operands';
import type { EstimateContext } from './types';

/** ElementwiseAdd / ElementwiseMul node → `estimateElementwise`. ESTIMATE. */
export function estimateElementwiseLayer(ctx: EstimateContext): LayerEstimate {
  const { node } = ctx;
  return estimateElementwise({
    name: layerLabel(node),
    op: node.opType === 'ElementwiseMul' ? 'mul' : 'add',
    channels: requiredInt(node, 'channels'),
    pe: ctx.folding.pe,
    numVectors: ctx.numVectors ?? 1,
  });
}
