import { type Graph, type Node, isHwLayer } from '@scanflow/ir';
import { NameSource } from '../../graph/names';
import { type Uses } from '../../graph/graph-tools';
import { type RewriteContext, rewritePass } from '../../graph/rewrite-driver';
import { bypass } from './bypass';
import { addThresholds, composeThresholds, stageBias, stageChannels, stageInputType, stageThresholds, streamProducer } from './threshold-chain';

/**
 * Thresholding after a threshold stage (a Thresholding, or an MVAU with thresholds) → one stage: a
 * composition of two non-decreasing step functions is a step function, whose thresholds come from
 * the first stage's table (`composeThresholds`). The FINN-GL gate pre-activation requantiser and
 * the sigmoid / tanh table after it become one layer, which shortens every step's critical path.
 */
export function collapseThresholdings(r: RewriteContext, node: Node): boolean {
  const { graph, names, uses } = r;
  if (!isHwLayer(node, 'Thresholding')) return false;
  const found = streamProducer(graph, uses, node.inputs[0]);
  if (!found) return false;
  const first = found.producer;
  const t1 = stageThresholds(graph, first);
  const t2 = stageThresholds(graph, node);
  const inType = stageInputType(graph, first);
  if (!t1 || !t2 || !inType?.isInteger || !(isHwLayer(first, 'Thresholding') || isHwLayer(first, 'MVAU'))) return false;
  if (stageChannels(first) !== stageChannels(node)) return false;
  const table = composeThresholds(t1, stageBias(first), t2, stageChannels(node), inType.min, inType.max);
  const slot = isHwLayer(first, 'MVAU') ? 2 : 1;
  r.setInput(first, slot, addThresholds(graph, names, `${first.name || first.outputs[0]}_thresholds`, table));
  first.attributes.set('out_bias', { type: 'int', value: BigInt(stageBias(node)) });
  const outType = graph.getDataType(node.outputs[0]);
  for (const v of [first.outputs[0], ...found.chain.map((r) => r.outputs[0])]) graph.setDataType(v, outType);
  return bypass(r, node, node.inputs[0], node.outputs[0]);
}

export default rewritePass({
  name: 'collapse-thresholdings',
  description: 'merge a Thresholding into the threshold stage before it (Thresholding or MVAU with thresholds)',
  stage: 'hardware',
  what: 'Thresholding(s) merged into the stage before',
  rewriter: collapseThresholdings,
});
