import { forEachGraph, type Graph, outerScopeReferences, subgraphsOf } from '@scanflow/ir';
import { definePass } from '../pass';

function sweep(graph: Graph): number {
  const live = new Set(graph.outputs.map((o) => o.name));
  const keep = new Set<number>();
  for (let k = graph.nodes.length - 1; k >= 0; k--) {
    const n = graph.nodes[k];
    if (!n.outputs.some((o) => o && live.has(o))) continue;
    keep.add(k);
    for (const i of n.inputs) if (i) live.add(i);
    for (const { graph: sub } of subgraphsOf(n)) for (const r of outerScopeReferences(sub)) live.add(r);
  }
  const before = graph.nodes.length;
  graph.nodes = graph.nodes.filter((_, k) => keep.has(k));
  for (const name of [...graph.initializers.keys()]) {
    if (!live.has(name) && !graph.inputs.some((i) => i.name === name)) graph.initializers.delete(name);
  }
  for (const name of [...graph.valueInfo.keys()]) if (!live.has(name)) graph.valueInfo.delete(name);
  return before - graph.nodes.length;
}

/** Removes nodes (and initializers) that no graph output depends on, in every subgraph. */
export default definePass({
  name: 'remove-dead-nodes',
  description: 'remove nodes and initializers no graph output depends on (nodes are assumed free of side effects)',
  stage: 'import',
  run(model, ctx) {
    let removed = 0;
    // Subgraphs first would miss outer references of dead parents; sweeping parents first is right.
    forEachGraph(model.graph, (g) => {
      removed += sweep(g);
    });
    if (removed) ctx.note(`removed ${removed} dead node(s)`);
    return { changed: removed > 0 };
  },
});
