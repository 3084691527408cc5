import type { Graph } from './graph';
import type { Node } from './node';

/** The graphs held in a node's attributes (Scan/Loop body, If branches), with the attribute name. */
export function subgraphsOf(node: Node): { attribute: string; graph: Graph }[] {
  const out: { attribute: string; graph: Graph }[] = [];
  for (const [name, a] of node.attributes) {
    if (a.type === 'graph') out.push({ attribute: name, graph: a.value });
    else if (a.type === 'graphs') for (const g of a.value) out.push({ attribute: name, graph: g });
  }
  return out;
}

/** Names a graph defines itself: its inputs, initializers and node outputs. */
export function definedNames(graph: Graph): Set<string> {
  const s = new Set<string>();
  for (const i of graph.inputs) s.add(i.name);
  for (const k of graph.initializers.keys()) s.add(k);
  for (const k of graph.sparseInitializers.keys()) s.add(k);
  for (const n of graph.nodes) for (const o of n.outputs) if (o) s.add(o);
  return s;
}

/**
 * Names a graph (or a subgraph nested in it) reads but does not define: references to values of
 * enclosing scopes. For a main graph this is empty in a valid model.
 */
export function outerScopeReferences(graph: Graph): Set<string> {
  const defined = definedNames(graph);
  const refs = new Set<string>();
  for (const n of graph.nodes) {
    for (const i of n.inputs) if (i && !defined.has(i)) refs.add(i);
    for (const { graph: sub } of subgraphsOf(n)) for (const r of outerScopeReferences(sub)) if (!defined.has(r)) refs.add(r);
  }
  for (const o of graph.outputs) if (!defined.has(o.name)) refs.add(o.name);
  return refs;
}

/** Visits a graph and every nested subgraph, depth first, parents before children. */
export function forEachGraph(graph: Graph, visit: (g: Graph, depth: number) => void, depth = 0): void {
  visit(graph, depth);
  for (const n of graph.nodes) for (const { graph: sub } of subgraphsOf(n)) forEachGraph(sub, visit, depth + 1);
}
