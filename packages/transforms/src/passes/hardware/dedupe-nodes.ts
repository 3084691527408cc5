import { forEachGraph, type Graph, type Node, subgraphsOf, toNumbers, isGraphOutput } from '@scanflow/ir';
import { definePass } from '../../pass';
import { replaceUsesInNode } from '../../graph/replace-uses';
import { usesOf } from '../../graph/uses';
import { constantOf, tidyAll } from '../../graph/graph-tools';

/** A key equal for nodes that compute the same thing: op, attributes, inputs (constants by value). */
function keyOf(graph: Graph, node: Node): string | undefined {
  if (subgraphsOf(node).length) return undefined;
  const attrs = [...node.attributes.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, a]) => `${k}=${JSON.stringify(a.value, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  const inputs = node.inputs.map((i) => {
    const c = constantOf(graph, i);
    return c ? `const:${c.elemType}:${c.dims.join('x')}:${toNumbers(c).join(',')}` : `value:${i}`;
  });
  return `${node.domain}::${node.opType}|${attrs.join(';')}|${inputs.join('|')}|${node.outputs.length}`;
}

/**
 * Common-subexpression elimination: a node computing exactly what an earlier node computes (same
 * op, attributes and inputs, constants compared by value) is removed and its readers read the
 * earlier node's outputs. Nodes whose outputs are graph outputs are kept (the names are the
 * interface). The conversion to hardware layers leaves one Reshape per reader of a value; this
 * merges them, so fan-out is seen on one stream.
 */
export function dedupeGraph(graph: Graph): number {
  let merged = 0;
  // one walk per round, keys as the graph is at that node (readers of a merged node already read
  // the survivor); another round only to confirm nothing is left (or for a graph out of order)
  for (let again = true; again; ) {
    again = false;
    const uses = usesOf(graph);
    const seen = new Map<string, Node>();
    const removed = new Set<Node>();
    for (const node of graph.nodes) {
      const key = keyOf(graph, node);
      if (key === undefined) continue;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, node);
        continue;
      }
      if (node.outputs.some((o) => o && isGraphOutput(graph, o))) continue;
      node.outputs.forEach((o, k) => {
        if (o) for (const reader of uses.consumers.get(o) ?? []) replaceUsesInNode(reader, o, first.outputs[k]!);
      });
      removed.add(node);
      merged++;
      again = true;
    }
    if (removed.size) graph.nodes = graph.nodes.filter((n) => !removed.has(n));
  }
  return merged;
}

export default definePass({
  name: 'dedupe-nodes',
  description: 'merge nodes that compute the same value (same op, attributes and inputs)',
  stage: 'hardware',
  placement: { stage: 'hardware', after: ['scan-to-recurrence'] },
  run(model, ctx) {
    let n = 0;
    forEachGraph(model.graph, (g) => {
      n += dedupeGraph(g);
    });
    if (n) {
      tidyAll(model);
      ctx.note(`${n} duplicate node(s) merged`);
    }
    return { changed: n > 0 };
  },
});
