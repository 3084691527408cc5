import { buildUseDef, type Graph, type Node, outerScopeReferences, subgraphsOf } from '@scanflow/ir';

/**
 * Who produces and who reads each value of one graph, and which values subgraphs (Scan bodies) read
 * from it. `usesOf` takes a snapshot; inside a rewrite driver the context's `uses` stays up to date
 * across rewrites.
 */
export interface Uses {
  producer: { get(name: string): Node | undefined };
  /** Readers in node order (a node reading a value through a subgraph counts as a reader); undefined when none. */
  consumers: { get(name: string): readonly Node[] | undefined };
  /** Values read by a subgraph of some node (outer-scope references): never rewired by the passes. */
  readBySubgraph: { has(name: string): boolean };
}

/** A snapshot of the use-def of `graph` (rebuild it after editing the graph). */
export function usesOf(graph: Graph): Uses {
  const { producer, consumers } = buildUseDef(graph);
  const readBySubgraph = new Set<string>();
  for (const n of graph.nodes) for (const { graph: sub } of subgraphsOf(n)) for (const r of outerScopeReferences(sub)) readBySubgraph.add(r);
  return { producer, consumers, readBySubgraph };
}

/** The values a node reads: its inputs and its subgraphs' outer-scope references. */
function readsOf(node: Node): string[] {
  const out = node.inputs.filter((i) => i);
  for (const { graph: sub } of subgraphsOf(node)) for (const r of outerScopeReferences(sub)) out.push(r);
  return out;
}

/**
 * A use-def index kept up to date by the rewrite driver as nodes are added, removed and rewired.
 * Readers come back in node order (`position`).
 */
export class UseIndex implements Uses {
  private readonly producers = new Map<string, Node>();
  private readonly readers = new Map<string, Set<Node>>();
  private readonly sorted = new Map<string, Node[]>();
  private readonly subgraphReads = new Map<string, number>();
  /** What each indexed node was counted as reading (its reads can change in place). */
  private readonly counted = new Map<Node, string[]>();

  constructor(
    nodes: readonly Node[],
    private readonly position: (node: Node) => number,
  ) {
    for (const n of nodes) this.add(n);
  }

  readonly producer = { get: (name: string): Node | undefined => this.producers.get(name) };

  readonly consumers = {
    get: (name: string): readonly Node[] | undefined => {
      let list = this.sorted.get(name);
      if (list) return list;
      const set = this.readers.get(name);
      if (!set || set.size === 0) return undefined;
      list = [...set].sort((a, b) => this.position(a) - this.position(b));
      this.sorted.set(name, list);
      return list;
    },
  };

  readonly readBySubgraph = { has: (name: string): boolean => (this.subgraphReads.get(name) ?? 0) > 0 };

  add(node: Node): void {
    for (const o of node.outputs) if (o) this.producers.set(o, node);
    const reads = [...new Set(readsOf(node))];
    this.counted.set(node, reads);
    for (const v of reads) {
      let set = this.readers.get(v);
      if (!set) this.readers.set(v, (set = new Set()));
      set.add(node);
      this.sorted.delete(v);
    }
    for (const { graph: sub } of subgraphsOf(node)) for (const r of outerScopeReferences(sub)) this.subgraphReads.set(r, (this.subgraphReads.get(r) ?? 0) + 1);
  }

  remove(node: Node, outputs: readonly string[] = node.outputs): void {
    for (const o of outputs) if (o && this.producers.get(o) === node) this.producers.delete(o);
    for (const v of this.counted.get(node) ?? []) {
      this.readers.get(v)?.delete(node);
      this.sorted.delete(v);
    }
    this.counted.delete(node);
    for (const { graph: sub } of subgraphsOf(node)) for (const r of outerScopeReferences(sub)) this.subgraphReads.set(r, (this.subgraphReads.get(r) ?? 1) - 1);
  }

  /** Re-indexes a node whose inputs or outputs changed in place (`oldOutputs`: what it produced before). */
  update(node: Node, oldOutputs: readonly string[]): void {
    this.remove(node, oldOutputs);
    this.add(node);
  }

  /** Readers are kept sorted by position; call after a node moved. */
  resort(names: Iterable<string>): void {
    for (const n of names) this.sorted.delete(n);
  }
}
