import { definePass } from '../../pass';
import { constantOperand, op, readOnlyBy, scaleMul, unscaledName } from '../../graph/graph-tools';
import { rewritePass, type Rewriter } from '../../graph/rewrite-driver';

/**
 * MoveLinearPastEltwiseMul (FINN PR #1275 / MoveConstMulPastJoinMul): (x·s) ⊙ y = (x ⊙ y)·s for an
 * element-wise Mul of two dynamic values, one of them scaled by a constant. Applied to both operands
 * in turn, (x·a) ⊙ (y·b) becomes ((x ⊙ y)·b)·a: the scales multiply (they stay separate Muls, which
 * keeps each constant exact; collapse-repeated-mul merges them when their product is exact).
 */
const rewriter: Rewriter = (r, node) => {
  const { graph, uses, names } = r;
  if (node.opType !== 'Mul' || node.domain !== '' || node.inputs.length !== 2 || constantOperand(graph, node)) return false;
  if (node.inputs.some((i) => graph.initializers.has(i))) return false;
  for (const slot of [0, 1]) {
    const v = node.inputs[slot];
    const mul = uses.producer.get(v);
    const m = scaleMul(graph, mul);
    if (!mul || !m || node.inputs[1 - slot] === v || !readOnlyBy(graph, uses, v, node)) continue;
    const y = node.outputs[0];
    const raw = unscaledName(names, y);
    r.setInput(node, slot, m.input);
    r.setOutput(node, 0, raw);
    const sName = mul.inputs[mul.inputs[0] === m.input ? 1 : 0];
    r.insertAfter(node, op('Mul', [raw, sName], [y], names.fresh(`${y}_scale`)));
    r.remove(mul);
    return true;
  }
  return false;
};

export default definePass(
  rewritePass({
    name: 'move-mul-past-mul',
    description: 'move a scale Mul of one operand of an element-wise Mul of two dynamic values behind it: (x·s) ⊙ y → (x ⊙ y)·s',
    rewriter,
    fixpoint: { of: 'streamline' },
    what: 'scale(s) moved past an element-wise Mul',
  }),
);
