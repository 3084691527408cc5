import { isGraphOutput, type Node, type OpLookup } from '@scanflow/ir';
import { definePass } from '../../pass';
import { op, scaleMul } from '../../graph/graph-tools';
import { rewritePass, type Rewriter } from '../../graph/rewrite-driver';

/**
 * Readers a scale can move past or be absorbed into: ops that commute with scales (MatMul, Conv,
 * Mul, Add, MultiThreshold ...), layout-only data movement (a per-tensor scale passes), and loops
 * (a scale on a sliced input moves into the body).
 */
function movable(ops: OpLookup, node: Node): boolean {
  const t = ops.traits(node);
  return t.scaleCommuting !== undefined || t.dataMovement?.kind === 'layout' || t.subgraphs?.loop?.(node) !== undefined;
}

/**
 * MoveMulPastFork: a Mul by a constant whose result is read several times (a fork, e.g. x·s_x feeding
 * the four gates' MatMuls) is duplicated, one copy per reader, so that each copy can move on alone.
 * Only when every reader is one a scale moves past or into; a graph output keeps the original.
 */
const rewriter: Rewriter = (r, node) => {
  const { graph, uses, names, ops } = r;
  const m = scaleMul(graph, node);
  if (!m) return false;
  const out = node.outputs[0];
  if (uses.readBySubgraph.has(out)) return false;
  const readers = uses.consumers.get(out) ?? [];
  const slots = readers.flatMap((r) => r.inputs.flatMap((i, k) => (i === out ? [{ r, k }] : [])));
  const total = slots.length + (isGraphOutput(graph, out) ? 1 : 0);
  if (total < 2 || !slots.length || !readers.every((r) => movable(ops, r))) return false;
  const moving = isGraphOutput(graph, out) ? slots : slots.slice(1);
  for (const { r: reader, k } of moving) {
    const copy = names.fresh(`${out}_fork`);
    r.insertAfter(node, op('Mul', [...node.inputs], [copy], names.fresh(`${node.name || out}_fork`)));
    r.setInput(reader, k, copy);
  }
  return true;
};

export default definePass(
  rewritePass({
    name: 'move-mul-past-fork',
    description: 'duplicate a Mul by a constant read by several MatMul / Mul / Add / MultiThreshold ... readers, one copy per reader',
    rewriter,
    fixpoint: { of: 'streamline' },
    what: 'forked scale(s) duplicated',
  }),
);
