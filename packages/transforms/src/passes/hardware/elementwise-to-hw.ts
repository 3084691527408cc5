import { DataType, type Graph, type Node } from '@scanflow/ir';
import { NameSource } from '../../graph/names';
import { alongAxis, constantOperand, f32Tensor } from '../../graph/graph-tools';
import { type RewriteContext, rewritePass } from '../../graph/rewrite-driver';
import { channelView, fromView, hwNode, setShape, staticShape, toView, ensureHwOpset } from './hw-tools';

const HW_OP: Record<string, string> = { Add: 'ElementwiseAdd', Mul: 'ElementwiseMul' };

/** Replaces `node` by the element-wise layer `hwOp`(a, b) on the channel-last view `v`, its result viewed back as the node's output. */
function replaceWithLayer(r: RewriteContext, node: Node, hwOp: string, a: string, b: string, v: ReturnType<typeof channelView>, ys: number[], yt: DataType): boolean {
  const { graph, names } = r;
  const y = node.outputs[0]!;
  const out = names.fresh(`${y}_${hwOp === 'ElementwiseAdd' ? 'add' : 'mul'}`);
  r.append(hwNode(hwOp, [a, b], [out], names.fresh(`${node.name || y}_hw`), {
    channels: { type: 'int', value: BigInt(v.channels) },
    pe: { type: 'int', value: 1n },
  }));
  setShape(graph, out, v.view);
  graph.setDataType(out, yt);
  fromView(r, out, ys, v, y);
  r.remove(node);
  return true;
}

/** Neg(x) of an integer value → ElementwiseMul(x, −1) (the form the streamlined stage leaves a Sub in: a + Neg(b)). */
function negToHw(r: RewriteContext, node: Node): boolean {
  const { graph, names } = r;
  const [x] = node.inputs;
  const y = node.outputs[0];
  const ys = staticShape(graph, y);
  const xs = staticShape(graph, x);
  const yt = graph.getDataType(y);
  if (!ys || ys.length === 0 || !xs || xs.join() !== ys.join() || !yt?.isInteger || !graph.getDataType(x)?.isInteger) return false;
  const v = channelView(ys, Math.min(1, ys.length - 1));
  const a = toView(r, x, xs, v);
  const b = names.fresh(`${node.name || y}_param`);
  graph.initializers.set(b, f32Tensor([1], [-1]));
  graph.setDataType(b, DataType.int(2));
  return replaceWithLayer(r, node, 'ElementwiseMul', a, b, v, ys, yt);
}

/**
 * Add / Mul of integer values → ElementwiseAdd / ElementwiseMul on the channel-last view (channel
 * axis 1, as MultiThreshold reads NCHW). Two streams must have the same shape (no broadcasting); a
 * constant operand must be integer and vary at most along the channel axis (it becomes a [C] or
 * [1] parameter, always the right-hand operand). Neg of an integer value → ElementwiseMul by −1.
 */
export function elementwiseToHw(r: RewriteContext, node: Node): boolean {
  const { graph, names } = r;
  if (node.opType === 'Neg' && node.domain === '' && node.inputs.length === 1) return negToHw(r, node);
  const hwOp = HW_OP[node.opType];
  if (!hwOp || node.domain !== '' || node.inputs.length !== 2) return false;
  const y = node.outputs[0];
  const ys = staticShape(graph, y);
  const yt = graph.getDataType(y);
  if (!ys || ys.length === 0 || !yt?.isInteger) return false;
  const axis = Math.min(1, ys.length - 1);
  const v = channelView(ys, axis);
  const c = constantOperand(graph, node);
  let a: string;
  let b: string;
  if (c) {
    const xs = staticShape(graph, c.other);
    const per = alongAxis(c.value, ys.length, axis);
    if (!xs || xs.join() !== ys.join() || !per || !per.every((x) => Number.isInteger(x)) || !graph.getDataType(c.other)?.isInteger) return false;
    a = toView(r, c.other, xs, v);
    b = names.fresh(`${node.name || y}_param`);
    graph.initializers.set(b, f32Tensor([per.length], per));
    graph.setDataType(b, graph.getDataType(node.inputs[c.index]));
  } else {
    const [p, q] = node.inputs;
    const ps = staticShape(graph, p);
    const qs = staticShape(graph, q);
    if (!ps || !qs || ps.join() !== ys.join() || qs.join() !== ys.join()) return false;
    if (!graph.getDataType(p)?.isInteger || !graph.getDataType(q)?.isInteger) return false;
    a = toView(r, p, ps, v);
    b = toView(r, q, qs, v);
  }
  return replaceWithLayer(r, node, hwOp, a, b, v, ys, yt);
}

export default rewritePass({
  name: 'elementwise-to-hw',
  description: 'integer Add / Mul / Neg → ElementwiseAdd / ElementwiseMul (streams of one shape, or a per-channel / scalar constant; Neg as a product by −1)',
  stage: 'hardware',
  what: 'Add / Mul / Neg → element-wise layer(s)',
  rewriter: elementwiseToHw,
  finish: (model, _ctx, n) => {
    if (n) ensureHwOpset(model);
  },
});
