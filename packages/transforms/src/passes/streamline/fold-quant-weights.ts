import { DataType, type Graph, isGraphOutput, type Model, type Node, QONNX_DOMAIN, type Tensor } from '@scanflow/ir';
import { definePass, type PassContext } from '../../pass';
import { addConstant, broadcastTo, constantOf, f32Tensor, op, valuesOf } from '../../graph/graph-tools';
import { type RewriteContext, visitAll } from '../../graph/rewrite-driver';
import { quantLevel, readQuantiser, type Quantiser } from './quantiser';

/**
 * FoldQuantWeights: a Quant of a constant (a weight) becomes the integer tensor of its levels,
 * annotated with the quantiser's datatype, and its scale moves behind the consumer:
 *
 * - MatMul(Wq, x), W first (FINN-GL's form): Wq = W·s with s constant along W's last (contracted)
 *   axis — per tensor or per row — so MatMul(W·s, x) = MatMul(W, x)·s, s kept as a column;
 * - MatMul(x, Wq): s constant along W's second-last axis (per tensor or per column);
 * - Conv(x, Wq): s per tensor or per output channel, moved as [1, C, 1, ...] (the Conv must have no
 *   bias input: run `extract-conv-bias` first).
 *
 * Levels come from the simulator's Quant kernel when the context has an evaluator (else the float32
 * emulation), so they are what the reference computes. A scale of exactly 1 leaves no Mul.
 */

function levelsOf(ctx: PassContext, model: Model, graph: Graph, quant: Node, q: Quantiser, w: Tensor): number[] {
  const s = constantOf(graph, quant.inputs[1])!;
  if (ctx.evaluate) {
    const z = constantOf(graph, quant.inputs[2])!;
    const b = constantOf(graph, quant.inputs[3])!;
    const r = ctx.evaluate(quant, [w, s, z, b], model.opsetVersion(QONNX_DOMAIN));
    if (r) {
      // broadcast the scale like the kernel did, then divide it out again
      const y = valuesOf(r[0]);
      const sv = broadcastTo(s, r[0].dims);
      return y.map((v, i) => Math.round(v / sv[i]) + 0);
    }
  }
  const sv = broadcastTo(s, w.dims);
  return valuesOf(w).map((v, i) => quantLevel(v, sv[i], q.lo, q.hi));
}

/** The scale as it must multiply the consumer's output, or a reason why it cannot. */
function scaleAfter(consumer: Node, slot: number, s: Tensor, wRank: number): Tensor | string {
  const sd = [...new Array<number>(Math.max(0, wRank - s.rank)).fill(1), ...s.dims];
  // Even a per-tensor scale moves only past an op linear in this operand alone: MatMul, or the
  // weight of a Conv. Past a Concat (say) it would also scale the other operands.
  if (consumer.opType !== 'MatMul' && consumer.opType !== 'Conv') return `${consumer.opType} consumers are not handled`;
  if (s.size === 1) return consumer.opType === 'Conv' && slot !== 1 ? 'the quantised constant is not the Conv weight' : f32Tensor([], valuesOf(s));
  if (s.rank > wRank) return 'the scale has a higher rank than the weight';
  if (consumer.opType === 'MatMul') {
    if (wRank < 2) return 'a 1-D weight with a per-element scale';
    if (slot === 0) {
      // W [.., M, K]: the scale must not vary along K
      if (sd[wRank - 1] !== 1) return 'the scale varies along the contracted axis';
      return f32Tensor(sd, valuesOf(s));
    }
    if (sd[wRank - 2] !== 1) return 'the scale varies along the contracted axis';
    return f32Tensor(sd, valuesOf(s));
  }
  if (consumer.opType === 'Conv') {
    if (slot !== 1) return 'the quantised constant is not the Conv weight';
    if (sd.slice(1).some((d) => d !== 1)) return 'a Conv weight scale must be per tensor or per output channel';
    return f32Tensor([1, sd[0], ...new Array<number>(wRank - 2).fill(1)], valuesOf(s));
  }
  return `${consumer.opType} consumers are not handled`;
}

/** Folds one weight Quant (a Quant of a constant) into its readers; false when it is not one or cannot be folded (a note says why). */
function foldQuant(r: RewriteContext, quant: Node): boolean {
  const { graph, ctx, names } = r;
  if (quant.domain !== QONNX_DOMAIN || (quant.opType !== 'Quant' && quant.opType !== 'IntQuant')) return false;
  const w = constantOf(graph, quant.inputs[0]);
  if (!w) return false;
  const where = `weight Quant ${quant.label}`;
  const q = readQuantiser(graph, quant);
  if (typeof q === 'string') {
    ctx.note(`${where}: ${q}; left as is`);
    return false;
  }
  const out = quant.outputs[0];
  const readers = r.uses.consumers.get(out) ?? [];
  if (isGraphOutput(graph, out) || r.uses.readBySubgraph.has(out) || !readers.length) {
    ctx.note(`${where}: its output is a graph output or read by a subgraph; left as is`);
    return false;
  }
  const s = constantOf(graph, quant.inputs[1])!;
  const unit = valuesOf(s).every((v) => v === 1);
  const plans: { node: Node; slot: number; scale?: Tensor }[] = [];
  let reason: string | undefined;
  for (const reader of readers) {
    const slots = reader.inputs.flatMap((i, k) => (i === out ? [k] : []));
    if (slots.length !== 1 || reader.domain !== '') {
      reason = `read twice or by ${reader.label}`;
      break;
    }
    if (unit) {
      plans.push({ node: reader, slot: slots[0] });
      continue;
    }
    if (reader.opType === 'Conv' && reader.inputs[2]) {
      reason = `Conv ${reader.label} has a bias input (run extract-conv-bias first)`;
      break;
    }
    const sc = scaleAfter(reader, slots[0], s, w.rank);
    if (typeof sc === 'string') {
      reason = `${reader.label}: ${sc}`;
      break;
    }
    plans.push({ node: reader, slot: slots[0], scale: sc });
  }
  if (reason) {
    ctx.note(`${where}: ${reason}; left as is`);
    return false;
  }
  const levels = levelsOf(ctx, r.model, graph, quant, q, w);
  const intName = addConstant(graph, names, `${quant.inputs[0]}_int`, f32Tensor(w.dims, levels));
  graph.setDataType(intName, q.bits === 1 ? DataType.BINARY : q.signed ? DataType.int(q.bits) : DataType.uint(q.bits));
  for (const p of plans) {
    r.setInput(p.node, p.slot, intName);
    if (!p.scale) continue;
    const y = p.node.outputs[0];
    const raw = names.fresh(`${y}_int`);
    r.setOutput(p.node, 0, raw);
    const sName = addConstant(graph, names, `${y}_wscale`, p.scale);
    r.insertAfter(p.node, op('Mul', [raw, sName], [y], names.fresh(`${p.node.name || y}_wscale`)));
  }
  return true;
}

/** Quant of a constant → integer initializer (annotated INT<b>/UINT<b>) with the scale moved after its MatMul / Conv consumer. */
export default definePass({
  name: 'fold-quant-weights',
  description: 'replace quantised constant weights by integer initializers and move their scale behind the MatMul / Conv reading them',
  stage: 'streamlined',
  placement: { stage: 'streamlined', after: ['extract-conv-bias'] },
  run(model, ctx) {
    // each weight Quant once, on the rewrite driver (use-def kept up to date across the folds)
    const n = visitAll(model, ctx, foldQuant);
    if (n) ctx.note(`folded ${n} weight quantiser(s)`);
    return { changed: n > 0 };
  },
});
