import { definePass } from '../../pass';
import { addConstant, broadcastDims, broadcastTo, f32Tensor, readOnlyBy, scaleMul } from '../../graph/graph-tools';
import { rewritePass, type Rewriter } from '../../graph/rewrite-driver';

function isPowerOfTwo(v: number): boolean {
  const a = Math.abs(v);
  return a > 0 && 2 ** Math.round(Math.log2(a)) === a;
}

/**
 * CollapseRepeatedMul: (x·a)·b → x·(a·b) for constants a, b — only when it changes no float32 result:
 * one of a, b holds only powers of two (so x·a or the product by b is exact) and every product a·b
 * is a float32. Otherwise the two Muls stay; each is then moved on or absorbed into a MultiThreshold
 * on its own, exactly.
 */
const rewriter: Rewriter = (r, node) => {
  const { graph, uses, names } = r;
  const outer = scaleMul(graph, node);
  if (!outer) return false;
  const innerNode = uses.producer.get(outer.input);
  const inner = scaleMul(graph, innerNode);
  if (!innerNode || !inner || !readOnlyBy(graph, uses, outer.input, node)) return false;
  const dims = broadcastDims(inner.scale.dims, outer.scale.dims);
  if (!dims) return false;
  const a = broadcastTo(inner.scale, dims);
  const b = broadcastTo(outer.scale, dims);
  const p = a.map((v, i) => v * b[i]);
  if (!p.every((v) => Math.fround(v) === v) || !(a.every(isPowerOfTwo) || b.every(isPowerOfTwo))) return false;
  r.setInputs(node, [inner.input, addConstant(graph, names, `${node.outputs[0]}_scale`, f32Tensor(dims, p))]);
  r.remove(innerNode);
  return true;
};

export default definePass(
  rewritePass({
    name: 'collapse-repeated-mul',
    description: 'merge two consecutive Muls by constants when the product of the constants is exact in float32',
    rewriter,
    fixpoint: { of: 'streamline' },
    what: 'repeated Mul(s) collapsed',
  }),
);
