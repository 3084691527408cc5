import { definedNames, type Graph, subgraphsOf } from '@scanflow/ir';

/**
 * Makes every reader of value `from` read `to` instead: node inputs of `graph`, and outer-scope
 * references inside its subgraphs (unless a subgraph defines its own value of that name).
 * Graph outputs are left alone (see `renameValue`).
 */
export function replaceUses(graph: Graph, from: string, to: string): void {
  for (const n of graph.nodes) {
    for (let i = 0; i < n.inputs.length; i++) if (n.inputs[i] === from) n.inputs[i] = to;
    for (const { graph: sub } of subgraphsOf(n)) {
      if (definedNames(sub).has(from)) continue;
      replaceUses(sub, from, to);
      for (const o of sub.outputs) if (o.name === from) o.name = to;
    }
  }
}

/** Renames a value everywhere in `graph`: its producer, readers, graph inputs/outputs, value_info and annotations. */
export function renameValue(graph: Graph, from: string, to: string): void {
  if (from === to) return;
  replaceUses(graph, from, to);
  for (const n of graph.nodes) for (let i = 0; i < n.outputs.length; i++) if (n.outputs[i] === from) n.outputs[i] = to;
  for (const v of [...graph.inputs, ...graph.outputs]) if (v.name === from) v.name = to;
  const init = graph.initializers.get(from);
  if (init) {
    graph.initializers.delete(from);
    graph.initializers.set(to, init);
  }
  const vi = graph.valueInfo.get(from);
  if (vi) {
    graph.valueInfo.delete(from);
    graph.valueInfo.set(to, { ...vi, name: to });
  }
  const ann = graph.annotations.get(from);
  if (ann) {
    graph.annotations.delete(from);
    graph.annotations.set(to, ann);
  }
}
