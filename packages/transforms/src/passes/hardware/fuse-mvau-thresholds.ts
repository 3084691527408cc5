import { type Graph, type Node, isHwLayer } from '@scanflow/ir';
import { NameSource } from '../../graph/names';
import { type Uses } from '../../graph/graph-tools';
import { type RewriteContext, rewritePass } from '../../graph/rewrite-driver';
import { bypass } from './bypass';
import { stageBias, stageChannels, stageThresholds, streamProducer } from './threshold-chain';

/**
 * MVAU without thresholds → (Reshapes) → Thresholding over the same channels → one MVAU with the
 * thresholds fused (the activation runs on the accumulator inside the unit, no stream in between).
 */
export function fuseMvauThresholds(r: RewriteContext, node: Node): boolean {
  const { graph, uses } = r;
  if (!isHwLayer(node, 'Thresholding')) return false;
  const found = streamProducer(graph, uses, node.inputs[0]);
  const mvau = found?.producer;
  if (!found || !mvau || !isHwLayer(mvau, 'MVAU') || mvau.inputs.length > 2) return false;
  if (stageChannels(mvau) !== stageChannels(node) || !stageThresholds(graph, node)) return false;
  r.setInput(mvau, mvau.inputs.length, node.inputs[1]);
  mvau.attributes.set('out_bias', { type: 'int', value: BigInt(stageBias(node)) });
  const outType = graph.getDataType(node.outputs[0]);
  for (const v of [mvau.outputs[0], ...found.chain.map((r) => r.outputs[0])]) graph.setDataType(v, outType);
  return bypass(r, node, node.inputs[0], node.outputs[0]);
}

export default rewritePass({
  name: 'fuse-mvau-thresholds',
  description: 'fuse a Thresholding into the MVAU that feeds it',
  stage: 'hardware',
  what: 'Thresholding(s) fused into MVAUs',
  rewriter: fuseMvauThresholds,
});
