import { dataInputsOf } from '@scanflow/ir';
import { definePass } from '../../pass';
import { op, readOnlyBy, scaleMul, unscaledName } from '../../graph/graph-tools';
import { rewritePass, type Rewriter } from '../../graph/rewrite-driver';

/**
 * MoveScalarLinearPastInvariants: f(x · s) → f(x) · s for a per-tensor scale s and f a layout-only
 * data-movement op (Reshape, Transpose, Squeeze, Unsqueeze, Flatten, Identity: every element once)
 * or a one-input element-wise linear op (Neg: −(x·s) = (−x)·s exactly), so that a scale reaches the
 * op after.
 */
const rewriter: Rewriter = (r, node) => {
  const { graph, uses, names, ops } = r;
  const t = ops.traits(node);
  const moves = t.dataMovement;
  const slots = moves?.kind === 'layout' ? dataInputsOf(node, moves) : t.scaleCommuting === 'linear' && t.elementwise && node.inputs.length === 1 ? [0] : [];
  if (slots.length !== 1) return false;
  const k = slots[0];
  const mul = uses.producer.get(node.inputs[k]);
  const m = scaleMul(graph, mul);
  if (!mul || !m || m.scale.size !== 1 || !readOnlyBy(graph, uses, node.inputs[k], node)) return false;
  const y = node.outputs[0];
  const raw = unscaledName(names, y);
  r.setInput(node, k, m.input);
  r.setOutput(node, 0, raw);
  const sName = mul.inputs[mul.inputs[0] === m.input ? 1 : 0];
  r.insertAfter(node, op('Mul', [raw, sName], [y], names.fresh(`${y}_scale`)));
  r.remove(mul);
  return true;
};

export default definePass(
  rewritePass({
    name: 'move-mul-past-invariants',
    description: 'move a per-tensor scale Mul past Reshape / Transpose / Squeeze / Unsqueeze / Flatten / Identity / Neg',
    rewriter,
    fixpoint: { of: 'streamline' },
    what: 'scale(s) moved past data-movement ops',
  }),
);
