import { estimateElementwise } from '../elementwise';
import type { LayerEstimate } from '../types';
import { layerLabel, optionalBits, parameterBits, requiredInt } from './operands';
import type { EstimateContext } from './types';

/**
 * ElementwiseAdd / ElementwiseMul node → `estimateElementwise`: a's width from its datatype; b a
 * stream, or a constant (one value: scalar; C values: per-channel parameter) whose width comes
 * from its annotation or values; the output width from y's datatype. Without a's datatype only
 * the control is estimated (the estimate's note says so). ESTIMATE.
 */
export function estimateElementwiseLayer(ctx: EstimateContext): LayerEstimate {
  const { node, graph } = ctx;
  const channels = requiredInt(node, 'channels');
  const b = node.inputs[1];
  const constant = b ? graph.initializers.get(b) : undefined;
  return estimateElementwise({
    name: layerLabel(node),
    op: node.opType === 'ElementwiseMul' ? 'mul' : 'add',
    channels,
    pe: ctx.folding.pe,
    numVectors: ctx.numVectors ?? 1,
    aBits: optionalBits(graph, node.inputs[0]),
    bBits: constant ? parameterBits(graph, node, 1, 'input b') : optionalBits(graph, b),
    outBits: optionalBits(graph, node.outputs[0]),
    operand: constant ? (constant.size === 1 ? 'scalar' : 'param') : 'stream',
    multiplier: ctx.folding.mult && ctx.folding.mult !== 'auto' ? ctx.folding.mult : (ctx.options?.multiplier ?? 'auto'),
  });
}
