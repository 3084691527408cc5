import { forEachGraph, type Graph, inferTypes, type Model, type Node, OpLookup, subgraphsOf, type Tensor } from '@scanflow/ir';
import { definePass, type PassContext } from '../pass';

/**
 * Whether a node may be replaced by its value: its op is deterministic and not a quantiser (whose
 * presence carries meaning for later stages: weights become integer matrices, activations
 * thresholds). Whether it can be computed is the evaluator's call.
 */
function foldable(ops: OpLookup, node: Node): boolean {
  const traits = ops.traits(node);
  return traits.deterministic !== false && !traits.quantizer;
}

/**
 * A quantiser of a scalar constant whose result no contraction reads (directly or through data
 * movement) — Brevitas's coupled
 * input-forget gate f = Quant(1) − i quantises the constant 1 with the input gate's sigmoid
 * quantiser — is just a constant on that quantiser's grid: folded, the arithmetic around it streamlines
 * like a GRU's 1 − z (sub-to-add, then an offset on the integer grid).
 */
function foldableScalarQuantiser(ops: OpLookup, graph: Graph, node: Node, readers: Map<string, Node[]>): boolean {
  const traits = ops.traits(node);
  if (!traits.quantizer || traits.deterministic === false) return false;
  const data = node.inputs[0] ? graph.initializers.get(node.inputs[0]) : undefined;
  if (!data || data.size !== 1) return false;
  // no contraction reads it, directly or through data movement (Reshape, Transpose, ...)
  const seen = new Set<string>();
  const reachesContraction = (value: string): boolean => {
    if (seen.has(value)) return false;
    seen.add(value);
    return (readers.get(value) ?? []).some((r) => ops.traits(r).contraction || (ops.traits(r).dataMovement !== undefined && r.outputs.some((o) => o && reachesContraction(o))));
  };
  return node.outputs.every((o) => !o || !reachesContraction(o));
}

function foldIn(graph: Graph, ops: OpLookup, ctx: PassContext, maxElements: number): number {
  const model = ops.model;
  const evaluate = ctx.evaluate!;
  let folded = 0;
  const outputs = new Set(graph.outputs.map((o) => o.name));
  const graphInputs = new Set(graph.inputs.map((g) => g.name));
  const removed = new Set<Node>();
  const readers = new Map<string, Node[]>();
  for (const n of graph.nodes) for (const i of n.inputs) if (i) readers.set(i, [...(readers.get(i) ?? []), n]);
  for (const n of graph.nodes) {
    if (!(foldable(ops, n) || foldableScalarQuantiser(ops, graph, n, readers)) || subgraphsOf(n).length) continue;
    if (n.outputs.some((o) => outputs.has(o))) continue;
    const inputs: (Tensor | undefined)[] = [];
    let constant = true;
    for (const i of n.inputs) {
      if (!i) {
        inputs.push(undefined);
        continue;
      }
      const t = graph.initializers.get(i);
      if (!t || graphInputs.has(i)) {
        constant = false;
        break;
      }
      inputs.push(t);
    }
    if (!constant) continue;
    let results: Tensor[] | undefined;
    try {
      results = evaluate(n, inputs, model.opsetVersion(n.domain));
    } catch (e) {
      ctx.note(`did not fold ${n.label}: ${(e as Error).message}`);
      continue;
    }
    if (!results || results.some((t, k) => n.outputs[k] && (!t || t.size > maxElements))) continue;
    n.outputs.forEach((o, k) => {
      if (o) graph.initializers.set(o, results![k]);
    });
    removed.add(n);
    folded++;
  }
  if (removed.size) graph.nodes = graph.nodes.filter((n) => !removed.has(n));
  return folded;
}

/**
 * Nodes whose outputs follow from their inputs' types alone (Shape or Size of a value with a static
 * shape — an op schema's `inferValues`) become initializers too, so that exports which compute
 * initial states from the input's shape (Brevitas: Shape → Gather → Expand of a zero) fold to
 * constants.
 */
function foldTypeDerived(ops: OpLookup, ctx: PassContext, maxElements: number): number {
  const model = ops.model;
  const found: { graph: Graph; node: Node; output: number; value: Tensor }[] = [];
  try {
    inferTypes(model, ctx.registry, { onTypeDerivedConstant: (graph, node, output, value) => found.push({ graph, node, output, value }), maxConstantElements: maxElements });
  } catch (e) {
    ctx.note(`shape inference failed: ${(e as Error).message}`);
    return 0;
  }
  let folded = 0;
  // per graph: its nodes (membership) and those folded away, removed in one filter at the end
  const members = new Map<Graph, Set<Node>>();
  const removed = new Map<Graph, Set<Node>>();
  for (const { graph, node, output, value } of found) {
    let inGraph = members.get(graph);
    if (!inGraph) members.set(graph, (inGraph = new Set(graph.nodes)));
    if (!foldable(ops, node) || node.outputs.length !== 1 || !inGraph.has(node)) continue;
    const name = node.outputs[output]!;
    if (graph.outputs.some((o) => o.name === name)) continue;
    graph.initializers.set(name, value);
    graph.valueInfo.delete(name);
    inGraph.delete(node);
    let gone = removed.get(graph);
    if (!gone) removed.set(graph, (gone = new Set()));
    gone.add(node);
    folded++;
  }
  for (const [graph, gone] of removed) graph.nodes = graph.nodes.filter((n) => !gone.has(n));
  return folded;
}

/**
 * Replaces nodes whose inputs are all initializers by initializers holding their results (computed by
 * the injected evaluator — the simulator's kernels), in every subgraph. Quantisers are kept (later
 * stages read their structure), except those of a scalar constant that no contraction reads.
 */
export default definePass({
  name: 'fold-constants',
  description: 'evaluate nodes whose inputs are all constant into initializers (quantisers are kept, except of a scalar constant outside contractions)',
  stage: 'import',
  options: { 'max-elements': { default: 1 << 22, description: 'largest result (elements) to store as an initializer' } },
  run(model, ctx, options) {
    if (!ctx.evaluate) {
      ctx.note('no evaluator was given: nothing folded');
      return { changed: false };
    }
    let total = 0;
    const ops = new OpLookup(ctx.registry, model);
    for (let round = 0; round < 16; round++) {
      let folded = 0;
      forEachGraph(model.graph, (g) => {
        folded += foldIn(g, ops, ctx, options['max-elements'] as number);
      });
      if (!folded) folded += foldTypeDerived(ops, ctx, options['max-elements'] as number);
      total += folded;
      if (!folded) break;
    }
    if (total) ctx.note(`folded ${total} node(s)`);
    return { changed: total > 0 };
  },
});
