import { definedNames, type Graph, type Node, subgraphsOf } from '@scanflow/ir';

/**
 * Makes every reader of value `from` read `to` instead: node inputs of `graph`, and outer-scope
 * references inside its subgraphs (unless a subgraph defines its own value of that name).
 * Graph outputs are left alone (see `renameValue`).
 */
export function replaceUses(graph: Graph, from: string, to: string): void {
  for (const n of graph.nodes) replaceUsesInNode(n, from, to);
}

/** `replaceUses` for one reader: its inputs and its subgraphs' outer-scope references. */
export function replaceUsesInNode(n: Node, from: string, to: string): void {
  for (let i = 0; i < n.inputs.length; i++) if (n.inputs[i] === from) n.inputs[i] = to;
  for (const { graph: sub } of subgraphsOf(n)) {
    if (definedNames(sub).has(from)) continue;
    replaceUses(sub, from, to);
    for (const o of sub.outputs) if (o.name === from) o.name = to;
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

/**
 * Makes every reader read `map(name)` instead of `name` in one pass over the graph: node inputs,
 * and outer-scope references inside subgraphs (a subgraph's own values shadow the outer ones; its
 * outputs that name an outer value follow too). Graph outputs of `graph` itself are left alone.
 * Linear in the size of the graph and its subgraphs, however many names change.
 */
export function replaceAllUses(graph: Graph, map: (name: string) => string): void {
  const inSub = (sub: Graph, shadowed: ReadonlySet<string>): void => {
    const own = new Set(shadowed);
    for (const d of definedNames(sub)) own.add(d);
    const outer = (name: string): string => (own.has(name) ? name : map(name));
    for (const n of sub.nodes) {
      for (let i = 0; i < n.inputs.length; i++) if (n.inputs[i]) n.inputs[i] = outer(n.inputs[i]);
      for (const { graph: s } of subgraphsOf(n)) inSub(s, own);
    }
    for (const o of sub.outputs) o.name = outer(o.name);
  };
  for (const n of graph.nodes) {
    for (let i = 0; i < n.inputs.length; i++) if (n.inputs[i]) n.inputs[i] = map(n.inputs[i]);
    for (const { graph: sub } of subgraphsOf(n)) inSub(sub, new Set());
  }
}

/**
 * Renames many values of `graph` at once (`renames`: old → new name), like `renameValue` for each
 * but in one pass: producers, readers (also in subgraphs), graph inputs / outputs, initializers,
 * value_info and annotations. Map and initializer insertion order is kept.
 */
export function renameValues(graph: Graph, renames: ReadonlyMap<string, string>): void {
  if (renames.size === 0) return;
  const to = (name: string): string => renames.get(name) ?? name;
  replaceAllUses(graph, to);
  for (const n of graph.nodes) for (let i = 0; i < n.outputs.length; i++) if (n.outputs[i]) n.outputs[i] = to(n.outputs[i]);
  for (const v of [...graph.inputs, ...graph.outputs]) v.name = to(v.name);
  const rekey = <T>(m: Map<string, T>, fix?: (name: string, v: T) => T): Map<string, T> => {
    const out = new Map<string, T>();
    for (const [k, v] of m) out.set(to(k), renames.has(k) && fix ? fix(to(k), v) : v);
    return out;
  };
  graph.initializers = rekey(graph.initializers);
  graph.valueInfo = rekey(graph.valueInfo, (name, vi) => ({ ...vi, name }));
  graph.annotations = rekey(graph.annotations);
}
