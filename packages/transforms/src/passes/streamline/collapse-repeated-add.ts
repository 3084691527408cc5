import { definePass } from '../../pass';
import { addConstant, biasAdd, broadcastDims, broadcastTo, f32Tensor, readOnlyBy } from '../../graph/graph-tools';
import { rewritePass, type Rewriter } from '../../graph/rewrite-driver';

/**
 * CollapseRepeatedAdd: (x + a) + b → x + (a + b) for constants a, b — only when no float32 result
 * changes: x is integer-valued and a, b are integers, with every sum below 2^24 in magnitude.
 * Otherwise both Adds stay (each is absorbed exactly into a following MultiThreshold).
 */
const rewriter: Rewriter = (r, node) => {
  const { graph, uses, names } = r;
  const outer = biasAdd(graph, node);
  if (!outer) return false;
  const innerNode = uses.producer.get(outer.input);
  const inner = biasAdd(graph, innerNode);
  if (!innerNode || !inner || !readOnlyBy(graph, uses, outer.input, node)) return false;
  const dims = broadcastDims(inner.bias.dims, outer.bias.dims);
  if (!dims) return false;
  const a = broadcastTo(inner.bias, dims);
  const b = broadcastTo(outer.bias, dims);
  const s = a.map((v, i) => v + b[i]);
  const x = r.range(inner.input);
  const big = 2 ** 24;
  const ints = (v: number[]) => v.every((e) => Number.isInteger(e));
  if (!x || !ints(a) || !ints(b) || Math.max(Math.abs(x.lo), Math.abs(x.hi)) + Math.max(...a.map(Math.abs)) + Math.max(...b.map(Math.abs)) >= big) return false;
  r.setInputs(node, [inner.input, addConstant(graph, names, `${node.outputs[0]}_bias`, f32Tensor(dims, s))]);
  r.remove(innerNode);
  return true;
};

export default definePass(
  rewritePass({
    name: 'collapse-repeated-add',
    description: 'merge two consecutive Adds of constants when the sum of the constants is exact in float32',
    rewriter,
    fixpoint: { of: 'streamline' },
    what: 'repeated Add(s) collapsed',
  }),
);
