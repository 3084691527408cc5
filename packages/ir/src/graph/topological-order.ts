import { IrError } from '../errors';
import type { Graph } from './graph';
import type { Node } from './node';
import { definedNames, outerScopeReferences, subgraphsOf } from './subgraphs';

/**
 * Nodes of `graph` in an order where every value is produced before it is read (stable: ties keep
 * the file order). `outer` lists names visible from enclosing scopes. Throws an IrError naming the
 * first node whose input nothing produces, or a cycle.
 */
export function topologicalOrder(graph: Graph, outer: Iterable<string> = []): Node[] {
  const available = new Set<string>(outer);
  for (const i of graph.inputs) available.add(i.name);
  for (const k of graph.initializers.keys()) available.add(k);
  for (const k of graph.sparseInitializers.keys()) available.add(k);
  const produced = new Set<string>();
  for (const n of graph.nodes) for (const o of n.outputs) if (o) produced.add(o);

  const needs = graph.nodes.map((n) => {
    const s = new Set<string>();
    for (const i of n.inputs) if (i) s.add(i);
    const own = definedNames(graph);
    for (const { graph: sub } of subgraphsOf(n)) for (const r of outerScopeReferences(sub)) if (own.has(r)) s.add(r);
    for (const name of s) {
      if (!available.has(name) && !produced.has(name)) {
        throw new IrError(`graph '${graph.name}': node ${n.label} reads '${name}', which no node, input or initializer provides`);
      }
    }
    return s;
  });

  const order: Node[] = [];
  const done = new Array<boolean>(graph.nodes.length).fill(false);
  let progress = true;
  while (order.length < graph.nodes.length && progress) {
    progress = false;
    for (let k = 0; k < graph.nodes.length; k++) {
      if (done[k]) continue;
      let ready = true;
      for (const name of needs[k]) if (!available.has(name)) { ready = false; break; }
      if (!ready) continue;
      done[k] = true;
      progress = true;
      order.push(graph.nodes[k]);
      for (const o of graph.nodes[k].outputs) if (o) available.add(o);
    }
  }
  if (order.length < graph.nodes.length) {
    const stuck = graph.nodes.find((_, k) => !done[k]);
    throw new IrError(`graph '${graph.name}': the nodes form a cycle (node ${stuck?.label ?? '?'} can never run)`);
  }
  return order;
}

/** Reorders `graph.nodes` in place into topological order. */
export function sortGraph(graph: Graph, outer: Iterable<string> = []): void {
  graph.nodes = topologicalOrder(graph, outer);
}
