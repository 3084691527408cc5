import { attrInt, attrInts, attrString, type Graph, type Node } from '@scanflow/ir';
import { definePass, type PassContext } from '../../pass';
import { constantOf, f32Tensor, type Names, refreshTypes, valuesOf } from '../streamline/graph-tools';
import { rewriteAll } from '../streamline/rewrite';
import { accumulatorType } from './matmul-to-mvau';
import { addReshape, addTranspose, hwNode, setShape, staticShape, ensureHwOpset } from './hw-tools';

/**
 * Conv (NCHW, integer weights and input, no bias) with non-overlapping 1×k windows → MVAU. With a
 * kernel [1, k], stride [1, k] (or k = W), no padding, dilation 1 and group 1, the windows of an
 * NHWC feature map are consecutive elements, so im2col is a Reshape:
 *   x [N,C,H,W] → Transpose → [N,H,W,C] → Reshape [N,H,W/k,k·C] → MVAU (MW = k·C, MH = Cout)
 *   → [N,H,W/k,Cout] → Transpose → y [N,Cout,H,W/k],
 * with MVAU weight W'[o][j·C + c] = W[o][c][0][j]. The Transposes cancel between layers
 * (`collapse-layout`). Other convolutions need a sliding-window generator, which we do not have yet.
 */
export function convToMvau(graph: Graph, names: Names, node: Node, ctx: PassContext): boolean {
  if (node.opType !== 'Conv' || node.domain !== '' || node.inputs.length !== 2) return false;
  const [x, wName] = node.inputs;
  const y = node.outputs[0];
  const w = constantOf(graph, wName);
  const wt = graph.getDataType(wName);
  const xt = graph.getDataType(x);
  const xs = staticShape(graph, x);
  const ys = staticShape(graph, y);
  if (!w || !wt?.isInteger || !xt?.isInteger || !xs || !ys || xs.length !== 4 || w.rank !== 4) return false;
  const [N, C, H, W] = xs;
  const [cout, cin, kh, kw] = w.dims;
  const strides = node.attributes.has('strides') ? attrInts(node, 'strides') : [1, 1];
  const pads = node.attributes.has('pads') ? attrInts(node, 'pads') : [0, 0, 0, 0];
  const dil = node.attributes.has('dilations') ? attrInts(node, 'dilations') : [1, 1];
  const why =
    attrInt(node, 'group', 1) !== 1 ? 'group ≠ 1'
    : kh !== 1 ? `kernel height ${kh} ≠ 1`
    : cin !== C ? `weights for ${cin} input channels, input has ${C}`
    : pads.some((p) => p !== 0) || attrString(node, 'auto_pad', 'NOTSET') !== 'NOTSET' ? 'padding'
    : dil.some((d) => d !== 1) ? 'dilation'
    : !(kw === W || (strides[1] === kw && W % kw === 0)) ? `overlapping or partial windows (kernel ${kw}, stride ${strides[1]}, width ${W})`
    : undefined;
  if (why) {
    ctx.note(`Conv '${node.name}' stays: ${why} (only non-overlapping 1×k windows map to an MVAU)`);
    return false;
  }
  const wo = W / kw;
  const mw = kw * C;
  const wv = valuesOf(w);
  const weights = new Array<number>(cout * mw);
  for (let o = 0; o < cout; o++) for (let j = 0; j < kw; j++) for (let c = 0; c < C; c++) weights[o * mw + j * C + c] = wv[((o * cin + c) * kh + 0) * kw + j];
  const nhwc = addTranspose(graph, names, x, [0, 2, 3, 1], xs);
  const patches = addReshape(graph, names, nhwc, [N, H, wo, mw]);
  const acc = accumulatorType(graph, y, weights, cout, mw, xt);
  const wMvau = names.fresh(`${node.name || y}_weights`);
  graph.initializers.set(wMvau, f32Tensor([cout, mw], weights));
  graph.setDataType(wMvau, wt);
  const out = names.fresh(`${y}_mvau`);
  graph.nodes.push(hwNode('MVAU', [patches, wMvau], [out], names.fresh(`${node.name || y}_mvau`), {
    mw: { type: 'int', value: BigInt(mw) },
    mh: { type: 'int', value: BigInt(cout) },
    pe: { type: 'int', value: 1n },
    simd: { type: 'int', value: 1n },
    acc_dtype: { type: 'string', value: acc.name },
  }));
  setShape(graph, out, [N, H, wo, cout]);
  graph.setDataType(out, acc);
  addTranspose(graph, names, out, [0, 3, 1, 2], [N, H, wo, cout], y);
  graph.setDataType(y, acc);
  graph.nodes.splice(graph.nodes.indexOf(node), 1);
  return true;
}

export default definePass({
  name: 'conv-to-mvau',
  description: 'Conv with non-overlapping 1×k windows → Transpose / Reshape (im2col) + MVAU',
  stage: 'hardware',
  run(model, ctx) {
    refreshTypes(model, ctx);
    const n = rewriteAll(model, ctx, (r, node) => convToMvau(r.graph, r.names, node, ctx));
    if (n) ensureHwOpset(model);
    if (n) ctx.note(`${n} Conv(s) → MVAU`);
    return { changed: n > 0 };
  },
});
