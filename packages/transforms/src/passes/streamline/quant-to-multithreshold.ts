import { attr, DataType, Node, QONNX_DOMAIN } from '@scanflow/ir';
import { addConstant, alongAxis, constantOf, f32Tensor, op, rankOf, readOnlyBy, refreshTypes, scaleMul, valuesOf } from '../../graph/graph-tools';
import { type RewriteContext, visitAll } from '../../graph/rewrite-driver';
import { definePass } from '../../pass';
import { float32Steps, integerSteps, levelFunction, type Quantiser, readQuantiser, type Steps } from './quantiser';
import { productFactors, productSteps } from './product-grid';
import type { Interval } from './ranges';

/**
 * ConvertQuantActToMultiThreshold, extended with activation absorption and exact thresholds.
 *
 * An activation Quant (dynamic input, zero point 0, at most `max-bits` bits) becomes
 * MultiThreshold(v, T) with out_bias = the lowest level, followed by Mul(scale) unless the scale is 1:
 * the MT output is the quantiser's integer level. When the Quant reads Sigmoid, Tanh or Relu (and
 * nothing else reads the activation), the activation is absorbed: level(act(v)) is still a
 * non-decreasing step function of v, with thresholds at act⁻¹((k + 1/2)·s) — e.g. σ⁻¹ for sigmoid,
 * atanh for tanh; levels the activation cannot reach (outside (0, 1) or (-1, 1)) drop out, and levels
 * it always exceeds are counted in out_bias.
 *
 * Thresholds are derived from the quantiser as the reference evaluates it (the simulator's kernels
 * when the context has an evaluator, else a float32 emulation), so that rounding half to even is
 * reproduced exactly, ties included:
 * - v on an integer grid — v = Mul(n, s_in) or v itself, with n an integer value of known range
 *   (at most 2^16 values) — the MT reads n, and each threshold is the smallest integer n whose
 *   level reaches the next level (by the tie rule of quantiser.ts: at an exact tie the step fires
 *   at the tie only into an even level);
 * - v = a ⊙ b, both on integer grids (see product-grid.ts; a grid may also be c − n·s with the
 *   constant c on the grid, as a GRU's 1 − z): the MT reads the integer product n_a·n_b, with the
 *   levels the reference computes for every factor pair;
 * - otherwise each threshold is the smallest float32 v that reaches the next level.
 */

const GRID_LIMIT = 1 << 16;

interface Domain {
  /** The value the MultiThreshold reads. */
  input: string;
  /** Integer domain of that value, or undefined for float32. */
  range?: Interval;
  /** Per-channel (or single) scale from the integer to the Quant's input, for integer domains. */
  inScale: number[];
}

function findDomain(rc: RewriteContext, v: string): Domain {
  const graph = rc.graph;
  const direct = rc.range(v);
  if (direct && direct.hi - direct.lo <= GRID_LIMIT) return { input: v, range: direct, inScale: [1] };
  const m = scaleMul(graph, rc.uses.producer.get(v));
  if (m) {
    const r = rc.range(m.input);
    const rank = rankOf(graph, v);
    const sIn = rank !== undefined && rank >= 2 ? alongAxis(m.scale, rank, 1) : m.scale.size === 1 ? valuesOf(m.scale) : undefined;
    if (r && sIn && sIn.every((x) => x > 0) && r.hi - r.lo <= GRID_LIMIT) return { input: m.input, range: r, inScale: sIn.map(Math.fround) };
  }
  return { input: v, inScale: [1] };
}

/** Stacks per-channel step functions into one [C, S] threshold table with a common out_bias. */
function stack(rows: Steps[], always: number, never: number): { base: number; table: number[][] } {
  const base = Math.min(...rows.map((r) => r.base));
  const width = Math.max(...rows.map((r) => r.base - base + r.thresholds.length));
  const table = rows.map((r) => {
    const row = [...new Array<number>(r.base - base).fill(always), ...r.thresholds];
    while (row.length < width) row.push(never);
    return row;
  });
  const same = table.every((row) => row.every((t, k) => Object.is(t, table[0][k])));
  return { base, table: same ? [table[0]] : table };
}

function dataTypeOf(q: Quantiser): DataType {
  return q.signed ? DataType.int(q.bits) : DataType.uint(q.bits);
}

function convertOne(rc: RewriteContext, quant: Node, maxBits: number): boolean {
  const { model, graph, names, ctx, ops } = rc;
  const where = `Quant ${quant.label}`;
  const x = quant.inputs[0];
  if (!x || constantOf(graph, x)) return false;
  const q = readQuantiser(graph, quant);
  if (typeof q === 'string') {
    ctx.note(`${where}: ${q}; left as is`);
    return false;
  }
  // a quantiser of a model input runs on the host (the float-to-integer boundary): its table costs no hardware
  const hostBoundary = graph === model.graph && graph.inputs.some((i) => i.name === x) && q.bits <= 16;
  if (q.bits > maxBits && !hostBoundary) {
    ctx.note(`${where}: ${q.bits} bits is more than max-bits ${maxBits} (2^${q.bits} - 1 thresholds); left as a Quant`);
    return false;
  }
  if (!q.scale.every((s) => s > 0)) {
    ctx.note(`${where}: the scale is not positive; left as is`);
    return false;
  }
  const uses = rc.uses;
  const p = uses.producer.get(x);
  const act = p && ops.traits(p).monotone === 'non-decreasing' && readOnlyBy(graph, uses, x, quant) ? p : undefined;
  const v = act ? act.inputs[0] : x;
  const rank = rankOf(graph, v);
  const sq = rank !== undefined && rank >= 2 ? alongAxis(q.scaleTensor, rank, 1) : q.scale.length === 1 ? q.scale : undefined;
  if (!sq) {
    ctx.note(`${where}: the scale is not per tensor or per channel (axis 1) of its input; left as is`);
    return false;
  }
  let dom = findDomain(rc, v);
  const rows: Steps[] = [];
  let product: string | undefined;
  const factors = !act && !dom.range && sq.length === 1 ? productFactors(rc, v) : undefined;
  if (factors) {
    const lf = levelFunction(ctx, model, undefined, quant, q, sq[0]);
    const r = typeof lf === 'string' ? lf : productSteps(lf, ...factors);
    if (typeof r === 'string') ctx.note(`${where}: product of two quantised values not enumerated (${r}); thresholds on the float product`);
    else {
      product = names.fresh(`${x}_int`);
      const defined = factors.flatMap((f) => (f.define ? [f.define()] : []));
      rc.insertBefore(quant, ...defined, op('Mul', [factors[0].integer, factors[1].integer], [product], names.fresh(`${x}_int_product`)));
      dom = { input: product, range: { lo: Math.min(...r.steps.thresholds, 0), hi: Math.max(...r.steps.thresholds, 0) }, inScale: [1] };
      rows.push(r.steps);
      if (r.ties) ctx.note(`${where}: ${r.ties} product(s) n_a·n_b are rounding ties whose factorisations the reference rounds differently; resolved to the even level`);
    }
  }
  if (sq.length > 1 && dom.inScale.length > 1 && sq.length !== dom.inScale.length) {
    ctx.note(`${where}: ${sq.length} quantiser scales but ${dom.inScale.length} input scales; left as is`);
    return false;
  }
  const channels = product ? 0 : Math.max(sq.length, dom.inScale.length);
  for (let c = 0; c < channels; c++) {
    const lf = levelFunction(ctx, model, act, quant, q, sq[sq.length === 1 ? 0 : c]);
    if (typeof lf === 'string') {
      ctx.note(`${where}: ${lf}; left as is`);
      return false;
    }
    const sIn = dom.inScale[dom.inScale.length === 1 ? 0 : c];
    const steps = dom.range ? integerSteps(lf, dom.range.lo, dom.range.hi, sIn) : float32Steps(lf);
    for (let k = 1; k < steps.thresholds.length; k++) {
      if (steps.thresholds[k] < steps.thresholds[k - 1]) {
        ctx.note(`${where}: the quantised function is not monotone; left as is`);
        return false;
      }
    }
    rows.push(steps);
  }
  const always = dom.range ? dom.range.lo : -Infinity;
  const never = dom.range ? dom.range.hi + 1 : Infinity;
  const { base, table } = stack(rows, always, never);
  const tName = addConstant(graph, names, `${quant.outputs[0]}_thresholds`, f32Tensor([table.length, table[0]?.length ?? 0], table.flat()));
  const out = quant.outputs[0];
  const unit = q.scale.every((s) => s === 1);
  const levels = unit ? out : names.fresh(`${out}_int`);
  const mt = new Node({
    opType: 'MultiThreshold',
    domain: QONNX_DOMAIN,
    name: names.fresh(`${quant.name || out}_mt`),
    inputs: [dom.input, tName],
    outputs: [levels],
    attributes: { out_dtype: dataTypeOf(q).name, ...(base !== 0 ? { out_bias: attr.float(base) } : {}) },
  });
  const added = [mt];
  if (!unit) added.push(op('Mul', [levels, quant.inputs[1]], [out], names.fresh(`${quant.name || out}_scale`)));
  rc.insertBefore(quant, ...added);
  rc.remove(quant);
  graph.setDataType(levels, dataTypeOf(q));
  if (act) rc.remove(act);
  const detail = product ? `integer product ${dom.input} of two quantised values` : dom.range ? `integer input ${dom.input} in [${dom.range.lo}, ${dom.range.hi}]` : 'float input';
  ctx.note(`${where} → MultiThreshold (${act ? `${act.opType} absorbed, ` : ''}${table.length}×${table[0]?.length ?? 0} thresholds, ${detail})`);
  return true;
}


/** Activation Quant → MultiThreshold (+ Mul by the scale), absorbing a Sigmoid / Tanh / Relu in front. */
export default definePass({
  name: 'quant-to-multithreshold',
  description: 'replace activation quantisers by MultiThreshold (+ Mul by the scale), absorbing Sigmoid / Tanh / Relu, with thresholds exact for round-half-to-even',
  stage: 'streamlined',
  placement: { stage: 'streamlined', after: ['scan-channel-layout'] },
  options: { 'max-bits': { default: 8, description: 'largest bit width converted (a b-bit quantiser needs 2^b - 1 thresholds)' } },
  run(model, ctx, options) {
    refreshTypes(model, ctx);
    const maxBits = options['max-bits'] as number;
    const n = visitAll(model, ctx, (rc, node) => node.domain === QONNX_DOMAIN && (node.opType === 'Quant' || node.opType === 'IntQuant') && convertOne(rc, node, maxBits));
    if (n) refreshTypes(model, ctx);
    return { changed: n > 0 };
  },
});
