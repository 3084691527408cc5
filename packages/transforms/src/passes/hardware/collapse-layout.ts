import { attrInts, type Graph, type Node, Tensor } from '@scanflow/ir';
import { NameSource } from '../../graph/names';
import { type Uses } from '../../graph/graph-tools';
import { type RewriteContext, rewritePass } from '../../graph/rewrite-driver';
import { bypass } from './bypass';
import { staticShape } from './hw-tools';

function soleReader(uses: Uses, graph: Graph, name: string, node: Node): boolean {
  const r = uses.consumers.get(name) ?? [];
  return r.length === 1 && r[0] === node && !graph.outputs.some((o) => o.name === name) && !uses.readBySubgraph.has(name);
}

const isOp = (n: Node | undefined, t: string): boolean => !!n && n.opType === t && n.domain === '';

/**
 * Layout clean-up between hardware layers, to a fixpoint, in every graph:
 * - Transpose ∘ Transpose → one Transpose (or nothing, when the perms cancel);
 * - a Transpose that moves only size-1 dimensions → Reshape (the element order does not change);
 * - Squeeze / Unsqueeze / Flatten with a static result → Reshape (they never change the element order);
 * - Reshape ∘ Reshape → one Reshape, and a Reshape to the shape it already has → nothing.
 * The conversion passes leave such pairs around every layer (channel-last views); this removes them.
 */
export function collapseLayout(r: RewriteContext, node: Node): boolean {
  const { graph, uses } = r;
  const x = node.inputs[0];
  const y = node.outputs[0];
  const ys = staticShape(graph, y);
  const xs = staticShape(graph, x);
  if (isOp(node, 'Transpose')) {
    const perm = attrInts(node, 'perm');
    const inner = uses.producer.get(x);
    if (inner && isOp(inner, 'Transpose') && soleReader(uses, graph, x, node)) {
      const p1 = attrInts(inner, 'perm');
      node.attributes.set('perm', { type: 'ints', value: perm.map((p) => BigInt(p1[p])) });
      r.setInput(node, 0, inner.inputs[0]);
      r.remove(inner);
      graph.valueInfo.delete(x);
      return true;
    }
    if (perm.every((p, i) => p === i)) return bypass(r, node, x, y);
    if (xs && ys) {
      const moved = perm.filter((p) => xs[p] !== 1);
      if (moved.every((p, i) => i === 0 || moved[i - 1] < p)) return toReshape(r, node, ys);
    }
    return false;
  }
  // Squeeze, Unsqueeze and Flatten never change the element order: with a static result they are Reshapes
  if ((isOp(node, 'Squeeze') || isOp(node, 'Unsqueeze') || isOp(node, 'Flatten')) && ys) return toReshape(r, node, ys);
  if (isOp(node, 'Reshape')) {
    if (xs && ys && xs.join() === ys.join()) return bypass(r, node, x, y);
    const inner = uses.producer.get(x);
    if (inner && isOp(inner, 'Reshape') && soleReader(uses, graph, x, node) && ys) {
      const s = r.names.fresh(`${y}_shape`);
      graph.initializers.set(s, Tensor.int64([ys.length], ys));
      r.setInputs(node, [inner.inputs[0], s]);
      r.remove(inner);
      graph.valueInfo.delete(x);
      return true;
    }
  }
  return false;
}

function toReshape(r: RewriteContext, node: Node, shape: number[]): boolean {
  const s = r.names.fresh(`${node.outputs[0]}_shape`);
  r.graph.initializers.set(s, Tensor.int64([shape.length], shape));
  node.opType = 'Reshape';
  node.attributes.clear();
  r.setInputs(node, [node.inputs[0], s]);
  return true;
}

export default rewritePass({
  name: 'collapse-layout',
  description: 'merge Transpose / Reshape chains, turn order-preserving Transposes into Reshapes, drop no-op reshapes',
  stage: 'hardware',
  placement: { stage: 'hardware', after: ['dedupe-nodes'] },
  what: 'layout node(s) merged or removed',
  rewriter: collapseLayout,
});
