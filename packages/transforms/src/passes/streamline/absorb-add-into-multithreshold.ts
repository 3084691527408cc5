import { definePass } from '../../pass';
import { readOnlyBy, shapeOf, biasAdd } from '../../graph/graph-tools';
import { absorbInto, isMultiThreshold, perRowOfColumn, reshapeColumnForChannels } from './absorb';
import { rankIn, rewritePass, type Rewriter, sameShapeIn } from '../../graph/rewrite-driver';

/**
 * AbsorbAddIntoMultiThreshold: MT(u + b, T) → MT(u, T') with b per tensor or per channel (then T
 * gets one row per channel). T' is exact for the float32 graph (see absorb.ts); in exact arithmetic
 * it is T - b, rounded up onto u's integer grid when u is integer-valued. This is how the float bias
 * before an accumulator quantiser disappears into its thresholds.
 */
const rewriter: Rewriter = (r, node) => {
  const { model, graph, uses, ctx } = r;
  if (!isMultiThreshold(node)) return false;
  const v = node.inputs[0];
  const add = biasAdd(graph, uses.producer.get(v));
  if (!add) return false;
  const rows = graph === model.graph ? perRowOfColumn(add.bias, shapeOf(graph, v)) : undefined;
  const p = uses.producer.get(v)!;
  if (rows !== undefined && readOnlyBy(graph, uses, v, node)) {
    reshapeColumnForChannels(r, node, p, p.inputs.indexOf(add.input), rows);
    return true;
  }
  if (!sameShapeIn(r, add.input, v)) {
    ctx.note(`MultiThreshold ${node.label}: not absorbed: the constant broadcasts the input to a larger shape (or a shape is unknown)`);
    return false;
  }
  const res = absorbInto(r, node, add.input, add.bias, rankIn(r, v), (b) => (u) => Math.fround(u + b));
  if (res !== true) ctx.note(`MultiThreshold ${node.label}: Add not absorbed: ${res}`);
  return res === true;
};

export default definePass(
  rewritePass({
    name: 'absorb-add-into-multithreshold',
    description: 'absorb an Add of a per-tensor / per-channel constant into the following MultiThreshold (thresholds shifted, exact)',
    rewriter,
    fixpoint: { of: 'streamline' },
    what: 'Add(s) absorbed into MultiThreshold',
  }),
);
