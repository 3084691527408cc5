import { estimateDuplicateStreams } from '../duplicate-streams';
import type { LayerEstimate } from '../types';
import { layerLabel, requiredInt } from './operands';
import type { EstimateContext } from './types';

/** DuplicateStreams node → `estimateDuplicateStreams` (copies = output count). ESTIMATE. */
export function estimateDuplicateStreamsLayer(ctx: EstimateContext): LayerEstimate {
  const { node } = ctx;
  return estimateDuplicateStreams({
    name: layerLabel(node),
    channels: requiredInt(node, 'channels'),
    pe: ctx.folding.pe,
    numOutputs: Math.max(2, node.outputs.length),
    numVectors: ctx.numVectors ?? 1,
  });
}
