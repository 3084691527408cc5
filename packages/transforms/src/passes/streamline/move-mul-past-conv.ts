import { definePass } from '../../pass';
import { op, readOnlyBy, scaleMul, unscaledName } from '../../graph/graph-tools';
import { rewritePass, type Rewriter } from '../../graph/rewrite-driver';

/**
 * MoveScalarMulPastConv: Conv(x·s, W) = Conv(x, W)·s for a per-tensor s (zero padding stays zero);
 * only for a Conv without a bias input (see extract-conv-bias).
 */
const rewriter: Rewriter = (r, node) => {
  const { graph, uses, names } = r;
  if (node.opType !== 'Conv' || node.domain !== '' || node.inputs[2]) return false;
  const v = node.inputs[0];
  const mul = uses.producer.get(v);
  const m = scaleMul(graph, mul);
  if (!mul || !m || m.scale.size !== 1 || !readOnlyBy(graph, uses, v, node)) return false;
  const y = node.outputs[0];
  const raw = unscaledName(names, y);
  r.setInput(node, 0, m.input);
  r.setOutput(node, 0, raw);
  const sName = mul.inputs[mul.inputs[0] === m.input ? 1 : 0];
  r.insertAfter(node, op('Mul', [raw, sName], [y], names.fresh(`${y}_scale`)));
  r.remove(mul);
  return true;
};

export default definePass(
  rewritePass({
    name: 'move-mul-past-conv',
    description: 'move a per-tensor scale Mul from a Conv input to its output (Conv without bias)',
    rewriter,
    fixpoint: { of: 'streamline' },
    what: 'scale(s) moved past Conv',
  }),
);
