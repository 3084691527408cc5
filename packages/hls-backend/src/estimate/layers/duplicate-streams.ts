import { estimateDuplicateStreams } from '../duplicate-streams';
import type { LayerEstimate } from '../types';
import { layerLabel, optionalBits, requiredInt } from './operands';
import type { EstimateContext } from './types';

/** DuplicateStreams node → `estimateDuplicateStreams` (copies = output count, element width from x's datatype). ESTIMATE. */
export function estimateDuplicateStreamsLayer(ctx: EstimateContext): LayerEstimate {
  const { node, graph } = ctx;
  return estimateDuplicateStreams({
    name: layerLabel(node),
    channels: requiredInt(node, 'channels'),
    pe: ctx.folding.pe,
    numOutputs: Math.max(2, node.outputs.length),
    numVectors: ctx.numVectors ?? 1,
    bits: optionalBits(graph, node.inputs[0]),
  });
}
