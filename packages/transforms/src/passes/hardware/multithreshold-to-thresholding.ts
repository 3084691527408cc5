import { attrFloat, type Graph, type Node } from '@scanflow/ir';
import { NameSource } from '../../graph/names';
import { isMultiThreshold, mtChannelAxis } from '../streamline/absorb';
import { constantOf, valuesOf } from '../../graph/graph-tools';
import { type RewriteContext, rewritePass } from '../../graph/rewrite-driver';
import { channelView, fromView, hwNode, setShape, staticShape, toView, ensureHwOpset } from './hw-tools';

/**
 * MultiThreshold on an integer input with integer thresholds, out_scale 1 and an integer out_bias →
 * Thresholding on the channel-last view of its input (Reshape, or Transpose for NCHW feature maps).
 * A MultiThreshold on a float input (the model's input quantiser) stays: it runs on the host.
 */
export function multiThresholdToThresholding(r: RewriteContext, node: Node): boolean {
  const { graph, names } = r;
  if (!isMultiThreshold(node)) return false;
  const [x, tName] = node.inputs;
  const y = node.outputs[0];
  const t = constantOf(graph, tName);
  const xt = graph.getDataType(x);
  const xs = staticShape(graph, x);
  const bias = attrFloat(node, 'out_bias', 0);
  if (!t || t.rank !== 2 || !xt?.isInteger || !xs || xs.length === 0) return false;
  if (attrFloat(node, 'out_scale', 1) !== 1 || !Number.isInteger(bias)) return false;
  if (!valuesOf(t).every((v) => Number.isInteger(v))) return false;
  const v = channelView(xs, mtChannelAxis(node, xs.length));
  if (t.dims[0] !== 1 && t.dims[0] !== v.channels) return false;
  const input = toView(r, x, xs, v);
  const out = names.fresh(`${y}_thr`);
  const outType = graph.getDataType(y);
  r.append(hwNode('Thresholding', [input, tName], [out], names.fresh(`${node.name || y}_thresholding`), {
    channels: { type: 'int', value: BigInt(v.channels) },
    pe: { type: 'int', value: 1n },
    out_bias: { type: 'int', value: BigInt(bias) },
  }));
  setShape(graph, out, v.view);
  graph.setDataType(out, outType);
  fromView(r, out, xs, v, y);
  r.remove(node);
  return true;
}

export default rewritePass({
  name: 'multithreshold-to-thresholding',
  description: 'MultiThreshold on an integer input → Thresholding (float-input quantisers stay on the host)',
  stage: 'hardware',
  what: 'MultiThreshold(s) → Thresholding',
  rewriter: multiThresholdToThresholding,
  finish: (model, _ctx, n) => {
    if (n) ensureHwOpset(model);
  },
});
