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

  // Kahn's algorithm; among ready nodes the one earliest in the file runs first (a binary heap of indices).
  const producerIndex = new Map<string, number>();
  graph.nodes.forEach((n, k) => n.outputs.forEach((o) => o && !available.has(o) && producerIndex.set(o, k)));
  const pending = new Array<number>(graph.nodes.length).fill(0);
  const dependents: number[][] = graph.nodes.map(() => []);
  needs.forEach((s, k) => {
    for (const name of s) {
      if (available.has(name)) continue;
      const p = producerIndex.get(name)!;
      pending[k]++;
      dependents[p].push(k);
    }
  });
  const heap: number[] = [];
  const push = (v: number): void => {
    heap.push(v);
    for (let i = heap.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (heap[p] <= heap[i]) break;
      [heap[p], heap[i]] = [heap[i], heap[p]];
      i = p;
    }
  };
  const pop = (): number => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l] < heap[m]) m = l;
        if (r < heap.length && heap[r] < heap[m]) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    return top;
  };
  pending.forEach((c, k) => c === 0 && push(k));
  const order: Node[] = [];
  const done = new Array<boolean>(graph.nodes.length).fill(false);
  while (heap.length) {
    const k = pop();
    done[k] = true;
    order.push(graph.nodes[k]);
    for (const d of dependents[k]) if (--pending[d] === 0) push(d);
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
