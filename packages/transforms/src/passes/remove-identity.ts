import { forEachGraph, type Graph } from '@scanflow/ir';
import { definePass } from '../pass';
import { replaceUses } from '../graph/replace-uses';

function removeIn(graph: Graph): number {
  let removed = 0;
  const outputs = new Set(graph.outputs.map((o) => o.name));
  const inputs = new Set([...graph.inputs.map((i) => i.name), ...graph.initializers.keys()]);
  for (const n of [...graph.nodes]) {
    if (n.opType !== 'Identity' || n.domain !== '' || !n.inputs[0] || !n.outputs[0]) continue;
    const [src] = n.inputs;
    const [dst] = n.outputs;
    if (outputs.has(dst)) {
      // The identity names a graph output: keep the output name, move it onto the producer instead.
      if (inputs.has(src) || outputs.has(src)) continue;
      const producer = graph.nodes.find((p) => p.outputs.includes(src));
      if (!producer) continue;
      producer.outputs[producer.outputs.indexOf(src)] = dst;
      replaceUses(graph, src, dst);
    } else {
      replaceUses(graph, dst, src);
    }
    graph.nodes.splice(graph.nodes.indexOf(n), 1);
    graph.valueInfo.delete(outputs.has(dst) ? src : dst);
    removed++;
  }
  return removed;
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
