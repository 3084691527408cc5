import { definePass } from '../../pass';
import { addConstant, f32Tensor, op, readOnlyBy, scaleMul, valuesOf, unscaledName } from '../../graph/graph-tools';
import { rankIn, rewritePass, type Rewriter } from '../../graph/rewrite-driver';

/**
 * MoveScalarMulPastMatMul, extended to per-row / per-column scales:
 *
 *     MatMul(A·s, B) = MatMul(A, B)·s    when s does not vary along A's last axis (per tensor or per row of A)
 *     MatMul(A, B·s) = MatMul(A, B)·s    when s does not vary along B's second-last axis (per tensor or per column)
 *
 * The scale keeps its shape aligned to the operand's rank, so it broadcasts onto the product the
 * same way (per row of the result, or per column).
 */
const rewriter: Rewriter = (r, node) => {
  const { graph, uses, names } = r;
  if (node.opType !== 'MatMul' || node.domain !== '') return false;
  for (const slot of [0, 1] as const) {
    const v = node.inputs[slot];
    const mul = uses.producer.get(v);
    const m = scaleMul(graph, mul);
    if (!mul || !m || !readOnlyBy(graph, uses, v, node)) continue;
    let scale = m.scale;
    if (scale.size !== 1) {
      const rank = rankIn(r, v);
      if (rank === undefined || rank < 2 || scale.rank > rank) continue;
      const dims = [...new Array<number>(rank - scale.rank).fill(1), ...scale.dims];
      if (dims[slot === 0 ? rank - 1 : rank - 2] !== 1) continue;
      scale = f32Tensor(dims, valuesOf(scale));
    }
    const y = node.outputs[0];
    const raw = unscaledName(names, y);
    r.setInput(node, slot, m.input);
    r.setOutput(node, 0, raw);
    const sName = scale === m.scale ? mul.inputs[mul.inputs[0] === m.input ? 1 : 0] : addConstant(graph, names, `${y}_scale`, scale);
    r.insertAfter(node, op('Mul', [raw, sName], [y], names.fresh(`${y}_scale`)));
    r.remove(mul);
    return true;
  }
  return false;
};

export default definePass(
  rewritePass({
    name: 'move-mul-past-matmul',
    description: 'move a per-tensor (or per-row of A / per-column of B) scale Mul from a MatMul operand to its result',
    rewriter,
    fixpoint: { of: 'streamline' },
    what: 'scale(s) moved past MatMul',
  }),
);
