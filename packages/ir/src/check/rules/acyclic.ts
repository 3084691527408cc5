import type { Node } from '../../graph/node';
import { outerScopeReferences, subgraphsOf } from '../../graph/subgraphs';
import { nodeLabel } from '../node-label';
import type { GraphCheck } from '../scope';

/**
 * No cycles: the nodes can be ordered so that every value is produced before it is read (also
 * through the outer-scope reads of their subgraphs). Linear in the graph's size (Kahn's algorithm).
 */
export function checkAcyclic(check: GraphCheck): void {
  const { graph, where } = check;
  const producer = new Map<string, number>();
  graph.nodes.forEach((n, k) => n.outputs.forEach((o) => o && !producer.has(o) && producer.set(o, k)));
  const pending = new Int32Array(graph.nodes.length);
  const dependents: number[][] = graph.nodes.map(() => []);
  graph.nodes.forEach((n: Node, k) => {
    const read = (name: string): void => {
      const p = name ? producer.get(name) : undefined;
      if (p === undefined) return;
      pending[k]++;
      dependents[p].push(k);
    };
    for (const i of n.inputs) read(i);
    const subs = subgraphsOf(n);
    if (subs.length === 0) return;
    const refs = new Set<string>();
    for (const { graph: sub } of subs) for (const r of outerScopeReferences(sub)) if (!n.inputs.includes(r)) refs.add(r);
    for (const r of refs) read(r);
  });
  const ready: number[] = [];
  pending.forEach((c, k) => c === 0 && ready.push(k));
  let done = 0;
  while (ready.length) {
    const k = ready.pop()!;
    done++;
    for (const d of dependents[k]) if (--pending[d] === 0) ready.push(d);
  }
  if (done < graph.nodes.length) {
    const stuck = graph.nodes.findIndex((_, k) => pending[k] > 0);
    check.report('acyclic', `${where}: the nodes form a cycle; ${graph.nodes.length - done} node(s) can never run, e.g. ${nodeLabel(graph.nodes[stuck]!, stuck)}`);
  }
}
