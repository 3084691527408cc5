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
  // Linear in the graph's size: one producer map, one edge per (read, producer) pair.
  const producerIndex = new Map<string, number>();
  graph.nodes.forEach((n, k) => {
    for (const o of n.outputs) if (o && !available.has(o) && !producerIndex.has(o)) producerIndex.set(o, k);
  });
  const pending = new Int32Array(graph.nodes.length);
  const dependents: number[][] = graph.nodes.map(() => []);
  let own: Set<string> | undefined; // built once, and only for a graph with subgraphs
  graph.nodes.forEach((n, k) => {
    const read = (name: string): void => {
      if (available.has(name)) return;
      const p = producerIndex.get(name);
      if (p === undefined) throw new IrError(`graph '${graph.name}': node ${n.label} reads '${name}', which no node, input or initializer provides`);
      pending[k]++;
      dependents[p].push(k);
    };
    for (const i of n.inputs) if (i) read(i);
    const subs = subgraphsOf(n);
    if (subs.length === 0) return;
    own ??= definedNames(graph);
    const refs = new Set<string>();
    for (const { graph: sub } of subs) for (const r of outerScopeReferences(sub)) if (own.has(r) && !n.inputs.includes(r)) refs.add(r);
    for (const r of refs) read(r);
  });

  // Kahn's algorithm; among ready nodes the one earliest in the file runs first (a binary heap of indices).
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
  for (let k = 0; k < pending.length; k++) if (pending[k] === 0) push(k);
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
