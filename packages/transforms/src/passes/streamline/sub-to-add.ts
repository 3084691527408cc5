import { Node } from '@scanflow/ir';
import { definePass } from '../../pass';
import { constantOf, scaleMul } from '../../graph/graph-tools';
import { type RewriteContext, rewritePass, type Rewriter } from '../../graph/rewrite-driver';

/** Whether `name` is integer-valued, or an integer-valued value times a constant (a quantised value). */
function onIntegerGrid(r: RewriteContext, producer: Node | undefined, name: string): boolean {
  if (r.range(name)) return true;
  const m = scaleMul(r.graph, producer);
  return !!m && r.range(m.input) !== undefined;
}

/**
 * Sub of quantised values → Add with a negated operand: a − b → a + Neg(b), exact in float32 (IEEE
 * subtraction is the addition of the negation). Then the streamlining passes treat it like any Add
 * (an Add join of two values on one grid, a bias absorbed into a MultiThreshold) and move the scale
 * past the Neg (−(x·s) = (−x)·s, also exact), so that `1 − z` (a GRU's update gate) or `z₁ − z₂`
 * becomes integer: Add(K, Neg(n)), Add(m, Neg(n)); the hardware stage maps Neg to an element-wise
 * multiplication by −1. Only Subs whose operands are quantised (b on an integer grid, a a constant
 * or on an integer grid): float arithmetic elsewhere (sequence counters, activations) is left as written.
 */
const rewriter: Rewriter = (r, node) => {
  const { graph, uses, names } = r;
  if (node.opType !== 'Sub' || node.domain !== '' || node.inputs.length !== 2) return false;
  const [a, b] = node.inputs;
  if (!a || !b) return false;
  const pa = uses.producer.get(a);
  const pb = uses.producer.get(b);
  // cheap structural test first: b must be produced by a scale Mul, or be a value the analysis can know
  if (!pb && !constantOf(graph, b) && !graph.inputs.some((i) => i.name === b)) return false;
  if (!onIntegerGrid(r, pb, b)) return false;
  if (!constantOf(graph, a) && !onIntegerGrid(r, pa, a)) return false;
  const neg = names.fresh(`${b}_neg`);
  r.insertBefore(node, new Node({ opType: 'Neg', inputs: [b], outputs: [neg], name: names.fresh(`${node.name || node.outputs[0]}_neg`) }));
  node.opType = 'Add';
  r.setInputs(node, [a, neg]);
  return true;
};

export default definePass(
  rewritePass({
    name: 'sub-to-add',
    description: 'Sub of quantised values → Add of the negated operand (exact), so that streamlining treats it like an Add',
    rewriter,
    fixpoint: { of: 'streamline' },
    what: 'Sub(s) of quantised values → Add of a Neg',
  }),
);
