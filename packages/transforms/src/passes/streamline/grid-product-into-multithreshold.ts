import { attr, attrFloat, Node, type Tensor } from '@scanflow/ir';
import { NameSource } from '../../graph/names';
import { definePass } from '../../pass';
import { isMultiThreshold } from './absorb';
import { addConstant, biasAdd, constantOf, f32Tensor, readOnlyBy, scaleMul, type Uses, valuesOf } from '../../graph/graph-tools';
import { productSteps, type Grid } from './product-grid';
import { analyseGraph, type Ranges } from './ranges';
import { type RewriteContext, rewritePass, type Rewriter } from '../../graph/rewrite-driver';

/**
 * MT(a ⊙ b) where a and b lie on integer grids, one of them as a constant plus a scaled integer
 * (c + n·s with c on the grid of s: a GRU's 1 − z once `sub-to-add` has made it 1 + Neg(n)·s), the
 * other an integer or a scaled integer → MT(P) on the integer product P = (n + K)·m with K = c/s.
 * The thresholds come from enumerating every factor pair through the graph's own float32 arithmetic
 * (see product-grid.ts), so the MultiThreshold keeps its levels for every input on the grids; pairs
 * whose products the float arithmetic rounds to different levels for one P are resolved by the tie
 * rule and counted in a note. Scan states become integers only while streamlining (integerize-scan-state),
 * which is why this runs inside the streamline fixpoint rather than in quant-to-multithreshold.
 */

interface Factor extends Grid {
  /** Whether the factor is the c + n·s form (which nothing else makes integer). */
  offset: boolean;
}

function factorOf(r: RewriteContext, name: string): Factor | undefined {
  const { graph, uses, names } = r;
  const direct = r.range(name);
  if (direct) return { integer: name, range: direct, scale: 1, offset: false, value: (i) => i };
  const p = uses.producer.get(name);
  const m = scaleMul(graph, p);
  if (m) {
    const range = r.range(m.input);
    if (!range || m.scale.size !== 1) return undefined;
    const s = Math.fround(valuesOf(m.scale)[0]);
    return s > 0 ? { integer: m.input, range, scale: s, offset: false, value: (i) => Math.fround(i * s) } : undefined;
  }
  const add = biasAdd(graph, p);
  if (!add || add.bias.size !== 1) return undefined;
  const inner = scaleMul(graph, uses.producer.get(add.input));
  const range = inner ? r.range(inner.input) : undefined;
  if (!inner || !range || inner.scale.size !== 1) return undefined;
  const s = Math.fround(valuesOf(inner.scale)[0]);
  const c = Math.fround(valuesOf(add.bias)[0]);
  const K = Math.round(c / s);
  if (!(s > 0) || Math.abs(c - K * s) > 1e-6 * Math.max(Math.abs(c), s)) return undefined;
  const n = inner.input;
  const factor: Factor = {
    integer: '',
    range: { lo: range.lo + K, hi: range.hi + K },
    scale: s,
    offset: true,
    // the graph computes fl(c + fl(n·s)) (Add is commutative in float32 too)
    value: (i) => Math.fround(c + Math.fround((i - K) * s)),
    define: () => {
      factor.integer = names.fresh(`${name}_int`);
      return new Node({ opType: 'Add', inputs: [n, addConstant(graph, names, `${name}_grid_offset`, f32Tensor([], [K]))], outputs: [factor.integer], name: names.fresh(`${p!.name || name}_grid`) });
    },
  };
  return factor;
}

/** Level (count of reached thresholds) of a [1, S] threshold table, for a batch of inputs. */
function counter(t: Tensor): (xs: Float32Array) => number[] {
  const th = valuesOf(t);
  return (xs) => Array.from(xs, (x) => th.reduce((k, v) => k + (x >= v ? 1 : 0), 0));
}

const rewriter: Rewriter = (r, node) => {
  const { graph, uses, names, ctx } = r;
  if (!isMultiThreshold(node)) return false;
  const t = constantOf(graph, node.inputs[1]);
  const v = node.inputs[0];
  const p = uses.producer.get(v);
  if (!t || t.rank !== 2 || t.dims[0] !== 1 || !p || p.opType !== 'Mul' || p.domain !== '' || p.inputs.length !== 2) return false;
  if (p.inputs.some((i) => !i || constantOf(graph, i)) || !readOnlyBy(graph, uses, v, node)) return false;
  // cheap structural test before the range analysis: one factor must be an Add of a constant
  if (!p.inputs.some((i) => biasAdd(graph, uses.producer.get(i)))) return false;
  const a = factorOf(r, p.inputs[0]);
  const b = factorOf(r, p.inputs[1]);
  if (!a || !b || !(a.offset || b.offset)) return false;
  const st = productSteps(counter(t), a, b);
  if (typeof st === 'string') {
    ctx.note(`MultiThreshold ${node.label}: product of two grid values not made integer (${st})`);
    return false;
  }
  const defined = [a, b].flatMap((f) => (f.define ? [f.define()] : []));
  const product = names.fresh(`${v}_int`);
  r.insertBefore(node, ...defined, new Node({ opType: 'Mul', inputs: [a.integer, b.integer], outputs: [product], name: names.fresh(`${p.name || v}_int`) }));
  const scale = attrFloat(node, 'out_scale', 1);
  const bias = attrFloat(node, 'out_bias', 0) + scale * st.steps.base;
  r.setInputs(node, [product, addConstant(graph, names, `${node.outputs[0]}_thresholds`, f32Tensor([1, st.steps.thresholds.length], st.steps.thresholds))]);
  if (bias !== attrFloat(node, 'out_bias', 0)) node.attributes.set('out_bias', attr.float(bias));
  if (st.ties) ctx.note(`MultiThreshold ${node.label}: ${st.ties} product(s) are rounding ties whose factorisations the float arithmetic rounds differently; resolved to the even level`);
  return true;
};

export default definePass(
  rewritePass({
    name: 'grid-product-into-multithreshold',
    description: 'MultiThreshold of a product of grid values, one of them c + n·s (as 1 − z) → MultiThreshold of the integer product, thresholds by enumerating the factor pairs',
    rewriter,
    fixpoint: { of: 'streamline' },
    what: 'product(s) of grid values made integer',
  }),
);
