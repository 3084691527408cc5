import { forEachGraph, type Graph, type Node } from '@scanflow/ir';
import { definePass } from '../pass';
import { replaceAllUses } from '../graph/replace-uses';

/**
 * Removes the Identity nodes of one graph in a single pass: each removal only records that readers
 * of one value now read another (`alias`, followed transitively), and every reader is rewired once
 * at the end — linear in the graph's size however many identities there are.
 */
function removeIn(graph: Graph): number {
  const outputs = new Set(graph.outputs.map((o) => o.name));
  const inputs = new Set([...graph.inputs.map((i) => i.name), ...graph.initializers.keys()]);
  const producer = new Map<string, Node>();
  for (const n of graph.nodes) for (const o of n.outputs) if (o && !producer.has(o)) producer.set(o, n);
  const alias = new Map<string, string>();
  const resolve = (v: string): string => {
    let r = v;
    for (let guard = 0; alias.has(r) && guard <= alias.size; guard++) r = alias.get(r)!;
    if (r !== v) alias.set(v, r);
    return r;
  };
  const removed = new Set<Node>();
  for (const n of graph.nodes) {
    if (n.opType !== 'Identity' || n.domain !== '' || !n.inputs[0] || !n.outputs[0]) continue;
    const src = resolve(n.inputs[0]);
    const [dst] = n.outputs;
    if (src === dst) continue;
    if (outputs.has(dst)) {
      // The identity names a graph output: keep the output name, move it onto the producer instead.
      if (inputs.has(src) || outputs.has(src)) continue;
      const p = producer.get(src);
      if (!p || removed.has(p)) continue;
      p.outputs[p.outputs.indexOf(src)] = dst;
      producer.delete(src);
      producer.set(dst, p);
      alias.set(src, dst);
    } else {
      alias.set(dst, src);
    }
    removed.add(n);
    graph.valueInfo.delete(outputs.has(dst) ? src : dst);
  }
  if (removed.size === 0) return 0;
  graph.nodes = graph.nodes.filter((n) => !removed.has(n));
  replaceAllUses(graph, resolve);
  return removed.size;
}

/** Removes Identity nodes (in every subgraph), rewiring readers to the identity's input. */
export default definePass({
  name: 'remove-identity',
  description: 'remove Identity nodes, keeping graph input and output names',
  stage: 'import',
  run(model, ctx) {
    let removed = 0;
    forEachGraph(model.graph, (g) => {
      removed += removeIn(g);
    });
    if (removed) ctx.note(`removed ${removed} Identity node(s)`);
    return { changed: removed > 0 };
  },
});
