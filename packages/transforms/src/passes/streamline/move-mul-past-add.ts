import { definePass } from '../../pass';
import { op, readOnlyBy, sameConstant, scaleMul, valuesOf, unscaledName } from '../../graph/graph-tools';
import { rewritePass, type Rewriter } from '../../graph/rewrite-driver';

/**
 * MoveLinearPastEltwiseAdd for a join: x·s + y·s = (x + y)·s when both operands of an Add carry the
 * same constant scale (equal values, e.g. the gates' W·x and U·h both scaled by s_w·s_x with
 * s_x = s_h); likewise x·s − y·s = (x − y)·s — any op whose `scaleCommuting` trait is `join`.
 * Operands with different scales are left as they are (with a note): their sum is not a scaled
 * integer sum.
 */
const rewriter: Rewriter = (r, node) => {
  const { graph, uses, names, ctx, ops } = r;
  if (ops.traits(node).scaleCommuting !== 'join' || node.inputs.length !== 2 || node.inputs[0] === node.inputs[1]) return false;
  const [a, b] = node.inputs;
  const ma = uses.producer.get(a);
  const mb = uses.producer.get(b);
  const sa = scaleMul(graph, ma);
  const sb = scaleMul(graph, mb);
  if (!ma || !mb || !sa || !sb) return false;
  if (!readOnlyBy(graph, uses, a, node) || !readOnlyBy(graph, uses, b, node)) return false;
  if (!sameConstant(sa.scale, sb.scale)) {
    ctx.note(`${node.opType} ${node.label}: its operands carry different scales (${valuesOf(sa.scale).slice(0, 2).join(', ')} vs ${valuesOf(sb.scale).slice(0, 2).join(', ')}); the scales stay before the Add`);
    return false;
  }
  const y = node.outputs[0];
  const raw = unscaledName(names, y);
  r.setInputs(node, [sa.input, sb.input]);
  r.setOutput(node, 0, raw);
  const sName = ma.inputs[ma.inputs[0] === sa.input ? 1 : 0];
  r.insertAfter(node, op('Mul', [raw, sName], [y], names.fresh(`${y}_scale`)));
  r.remove(ma);
  r.remove(mb);
  return true;
};

export default definePass(
  rewritePass({
    name: 'move-mul-past-add',
    description: 'move equal scale Muls of both Add (or Sub) operands behind it: x·s + y·s → (x + y)·s',
    rewriter,
    fixpoint: { of: 'streamline' },
    what: 'scale(s) moved past an Add / Sub join',
  }),
);
