import { attrInt, attrInts, attrString, forEachGraph, type Graph, type Node } from '@scanflow/ir';
import { NameSource } from '../../graph/names';
import { constantOf, valuesOf } from '../../graph/graph-tools';
import { type RewriteContext, rewritePass } from '../../graph/rewrite-driver';
import { addMvau } from './matmul-to-mvau';
import { addReshape, addTranspose, ensureHwOpset, setShape, staticShape } from './hw-tools';

/**
 * Conv (NCHW, integer weights and input, no bias) with non-overlapping 1×k windows → MVAU. With a
 * kernel [1, k], stride [1, k] (or k = W), no padding, dilation 1 and group 1, the windows of an
 * NHWC feature map are consecutive elements, so im2col is a Reshape:
 *   x [N,C,H,W] → Transpose → [N,H,W,C] → Reshape [N,H,W/k,k·C] → MVAU (MW = k·C, MH = Cout)
 *   → [N,H,W/k,Cout] → Transpose → y [N,Cout,H,W/k],
 * with MVAU weight W'[o][j·C + c] = W[o][c][0][j]. The Transposes cancel between layers
 * (`collapse-layout`). Other convolutions need a sliding-window generator, which we do not have yet.
 */
/** Why a Conv cannot become an MVAU, or undefined when it can. */
export function convMvauBlocker(graph: Graph, node: Node): string | undefined {
  if (node.inputs.length !== 2) return 'it has a bias input';
  const [x, wName] = node.inputs;
  const w = constantOf(graph, wName);
  const xs = staticShape(graph, x);
  if (!w || !graph.getDataType(wName)?.isInteger || !graph.getDataType(x)?.isInteger) return 'weights or input not integer';
  if (!xs || !staticShape(graph, node.outputs[0]) || xs.length !== 4 || w.rank !== 4) return 'not a 2-D convolution of static shape';
  const W = xs[3];
  const [, cin, kh, kw] = w.dims;
  const strides = node.attributes.has('strides') ? attrInts(node, 'strides') : [1, 1];
  const pads = node.attributes.has('pads') ? attrInts(node, 'pads') : [0, 0, 0, 0];
  const dil = node.attributes.has('dilations') ? attrInts(node, 'dilations') : [1, 1];
  return attrInt(node, 'group', 1) !== 1 ? 'group ≠ 1'
    : kh !== 1 ? `kernel height ${kh} ≠ 1`
    : cin !== xs[1] ? `weights for ${cin} input channels, input has ${xs[1]}`
    : pads.some((p) => p !== 0) || attrString(node, 'auto_pad', 'NOTSET') !== 'NOTSET' ? 'padding'
    : dil.some((d) => d !== 1) ? 'dilation'
    : !(kw === W || (strides[1] === kw && W % kw === 0)) ? `overlapping or partial windows (kernel ${kw}, stride ${strides[1]}, width ${W})`
    : undefined;
}

const isConv = (node: Node): boolean => node.opType === 'Conv' && node.domain === '';

export function convToMvau(r: RewriteContext, node: Node): boolean {
  const { graph, names } = r;
  if (!isConv(node) || convMvauBlocker(graph, node)) return false;
  const [x, wName] = node.inputs;
  const y = node.outputs[0];
  const w = constantOf(graph, wName)!;
  const wt = graph.getDataType(wName)!;
  const xs = staticShape(graph, x)!;
  const ys = staticShape(graph, y)!;
  const [N, C, H, W] = xs;
  const [cout, cin, kh, kw] = w.dims;
  const wo = W / kw;
  const mw = kw * C;
  const wv = valuesOf(w);
  const weights = new Array<number>(cout * mw);
  for (let o = 0; o < cout; o++) for (let j = 0; j < kw; j++) for (let c = 0; c < C; c++) weights[o * mw + j * C + c] = wv[((o * cin + c) * kh + 0) * kw + j];
  const nhwc = addTranspose(r, x, [0, 2, 3, 1], xs);
  const patches = addReshape(r, nhwc, [N, H, wo, mw]);
  const out = names.fresh(`${y}_mvau`);
  addMvau(r, node.name || y, patches, weights, cout, mw, wt, y, out);
  setShape(graph, out, [N, H, wo, cout]);
  addTranspose(r, out, [0, 3, 1, 2], [N, H, wo, cout], y);
  r.remove(node);
  return true;
}

export default rewritePass({
  name: 'conv-to-mvau',
  description: 'Conv with non-overlapping 1×k windows → Transpose / Reshape (im2col) + MVAU',
  stage: 'hardware',
  what: 'Conv(s) → MVAU',
  rewriter: convToMvau,
  finish: (model, ctx, n) => {
    if (n) ensureHwOpset(model);
    forEachGraph(model.graph, (g) => {
      for (const node of g.nodes.filter(isConv)) ctx.note(`Conv '${node.name}' stays: ${convMvauBlocker(g, node)} (only non-overlapping 1×k windows map to an MVAU)`);
    });
  },
});
