import { definePass } from '../../pass';
import { readOnlyBy, shapeOf, scaleMul, valuesOf } from '../../graph/graph-tools';
import { absorbInto, isMultiThreshold, perRowOfColumn, reshapeColumnForChannels } from './absorb';
import { rankIn, rewritePass, type Rewriter, sameShapeIn } from '../../graph/rewrite-driver';

/**
 * AbsorbMulIntoMultiThreshold: MT(u · s, T) → MT(u, T') for a positive per-tensor / per-channel s.
 * T' is exact for the float32 graph (see absorb.ts); in exact arithmetic it is T / s, rounded up
 * onto u's integer grid when u is integer-valued. Negative or zero scales are left alone.
 */
const rewriter: Rewriter = (r, node) => {
  const { model, graph, uses, ctx } = r;
  if (!isMultiThreshold(node)) return false;
  const v = node.inputs[0];
  const m = scaleMul(graph, uses.producer.get(v));
  if (!m) return false;
  const s = valuesOf(m.scale);
  if (!s.every((x) => x > 0)) {
    ctx.note(`MultiThreshold ${node.label}: Mul by a non-positive constant not absorbed`);
    return false;
  }
  const rows = graph === model.graph ? perRowOfColumn(m.scale, shapeOf(graph, v)) : undefined;
  const p = uses.producer.get(v)!;
  if (rows !== undefined && readOnlyBy(graph, uses, v, node)) {
    reshapeColumnForChannels(r, node, p, p.inputs.indexOf(m.input), rows);
    return true;
  }
  if (!sameShapeIn(r, m.input, v)) {
    ctx.note(`MultiThreshold ${node.label}: not absorbed: the constant broadcasts the input to a larger shape (or a shape is unknown)`);
    return false;
  }
  const res = absorbInto(r, node, m.input, m.scale, rankIn(r, v), (c) => (u) => Math.fround(u * c));
  if (res !== true) ctx.note(`MultiThreshold ${node.label}: Mul not absorbed: ${res}`);
  return res === true;
};

export default definePass(
  rewritePass({
    name: 'absorb-mul-into-multithreshold',
    description: 'absorb a Mul by a positive per-tensor / per-channel constant into the following MultiThreshold (thresholds divided, exact)',
    rewriter,
    fixpoint: { of: 'streamline' },
    what: 'Mul(s) absorbed into MultiThreshold',
  }),
);
