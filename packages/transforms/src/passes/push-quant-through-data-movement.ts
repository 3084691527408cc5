import { dataInputsOf, forEachGraph, type Graph, type Model, Node, normalizeDomain, OpLookup, QONNX_DOMAIN, type Tensor, isGraphOutput } from '@scanflow/ir';
import { NameSource } from '../graph/names';
import { definePass, type PassContext } from '../pass';
import { broadcastTo, constantOf, f32Tensor, usesOf, valuesOf } from '../graph/graph-tools';

/**
 * Data movement over quantised constants becomes a quantiser of moved constants: for a
 * data-movement op with one output (Concat, Slice, Gather, Reshape, Transpose, (Un)Squeeze, Flatten,
 * Expand, Tile, Identity: the `dataMovement` trait) whose data inputs are all Quant nodes of constants (same bit width, signedness, narrowness and rounding), the result is
 *
 *     D(Quant(w1, s1, z1, b), …) = Quant(D(w1, …), D(s1 ⊗ 1, …), D(z1 ⊗ 1, …), b)
 *
 * with each scale and zero point broadcast to its weight's shape first (D only moves elements, and
 * Quant acts element by element). A per-element scale that turns out uniform is stored as a scalar.
 * Brevitas exports concatenate per-gate quantised weights and the ONNX LSTM lowering slices them
 * apart again; after this pass each gate's weight is one Quant of a constant, which the later
 * passes fold into integer weights.
 */

interface QuantParts {
  x: Tensor;
  scale: Tensor;
  zero: Tensor;
  bits: Tensor;
  attrs: Node['attributes'];
}

function quantOfConstants(graph: Graph, node: Node | undefined): QuantParts | undefined {
  if (!node || normalizeDomain(node.domain) !== QONNX_DOMAIN || node.opType !== 'Quant') return undefined;
  const [x, s, z, b] = node.inputs.map((i) => constantOf(graph, i));
  if (!x || !s || !z || !b || b.size !== 1) return undefined;
  return { x, scale: s, zero: z, bits: b, attrs: node.attributes };
}

function sameAttrs(a: Node['attributes'], b: Node['attributes']): boolean {
  const key = (m: Node['attributes']) => [...m.entries()].map(([k, v]) => `${k}=${String(v.value)}`).sort().join(';');
  return key(a) === key(b);
}

function pushIn(ops: OpLookup, graph: Graph, names: NameSource, ctx: PassContext): number {
  const model = ops.model;
  const evaluate = ctx.evaluate!;
  let count = 0;
  for (let again = true; again; ) {
    again = false;
    const { producer, consumers, readBySubgraph } = usesOf(graph);
    for (const node of graph.nodes) {
      const moves = ops.traits(node).dataMovement;
      if (!moves || node.outputs.length !== 1) continue;
      const dataSlots = dataInputsOf(node, moves);
      if (!dataSlots.length) continue;
      const parts = dataSlots.map((k) => quantOfConstants(graph, producer.get(node.inputs[k] ?? '')));
      if (parts.some((p) => !p)) continue;
      const qs = parts as QuantParts[];
      const first = qs[0]!;
      if (!qs.every((q) => sameAttrs(q.attrs, first.attrs) && valuesOf(q.bits)[0] === valuesOf(first.bits)[0])) continue;
      // the other inputs (indices, shapes, axes) must be constants
      const rest = node.inputs.map((i, k) => (dataSlots.includes(k) || !i ? undefined : constantOf(graph, i)));
      if (node.inputs.some((i, k) => i && !dataSlots.includes(k) && !rest[k])) continue;
      const run = (pick: (q: QuantParts) => Tensor): Tensor | undefined => {
        const ins = node.inputs.map((i, k) => {
          const d = dataSlots.indexOf(k);
          return d >= 0 ? pick(qs[d]!) : rest[k];
        });
        return evaluate(node, ins, model.opsetVersion(node.domain))?.[0];
      };
      const spread = (t: Tensor, like: Tensor) => f32Tensor(like.dims, broadcastTo(t, like.dims));
      const x = run((q) => q.x);
      const s = run((q) => spread(q.scale, q.x));
      const z = run((q) => spread(q.zero, q.x));
      if (!x || !s || !z) continue;
      const uniform = (t: Tensor) => {
        const v = valuesOf(t);
        return v.every((e) => e === v[0]) ? f32Tensor([], [v[0]!]) : t;
      };
      const out = node.outputs[0]!;
      const base = out.replace(/[^A-Za-z0-9_]/g, '_');
      const xn = names.fresh(`${base}_float`);
      const sn = names.fresh(`${base}_scale`);
      const zn = names.fresh(`${base}_zeropt`);
      const bn = names.fresh(`${base}_bitwidth`);
      graph.initializers.set(xn, x);
      graph.initializers.set(sn, uniform(s));
      graph.initializers.set(zn, uniform(z));
      graph.initializers.set(bn, first.bits);
      const quant = new Node({ opType: 'Quant', domain: QONNX_DOMAIN, name: names.fresh(`${node.name || base}_quant`), inputs: [xn, sn, zn, bn], outputs: [out], attributes: first.attrs });
      graph.nodes[graph.nodes.indexOf(node)] = quant;
      // the Quants read only by this node go away with it
      for (const k of dataSlots) {
        const q = producer.get(node.inputs[k]!)!;
        const o = q.outputs[0]!;
        if ((consumers.get(o) ?? []).length === 1 && !readBySubgraph.has(o) && !isGraphOutput(graph, o) && graph.nodes.includes(q)) graph.nodes.splice(graph.nodes.indexOf(q), 1);
      }
      ctx.note(`${node.opType} ${node.label} over quantised constants → Quant of the moved constants`);
      count++;
      again = true;
      break;
    }
  }
  return count;
}

export default definePass({
  name: 'push-quant-through-data-movement',
  description: 'data movement (Concat, Slice, Gather, Reshape, ...) over Quant nodes of constants → one Quant of the moved constants',
  stage: 'qonnx',
  placement: { stage: 'qonnx', after: ['qcdq-to-quant'] },
  run(model, ctx) {
    if (!ctx.evaluate) {
      ctx.note('no evaluator was given: nothing rewritten');
      return { changed: false };
    }
    const names = new NameSource(model);
    const ops = new OpLookup(ctx.registry, model);
    let n = 0;
    forEachGraph(model.graph, (g) => {
      n += pushIn(ops, g, names, ctx);
    });
    return { changed: n > 0 };
  },
});
