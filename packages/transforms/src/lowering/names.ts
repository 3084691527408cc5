import { type Graph, type Model, subgraphsOf } from '@scanflow/ir';

/**
 * Fresh value and node names that clash with nothing anywhere in a model (every graph and nested
 * body), so that a new Scan body never shadows a name of an enclosing scope.
 */
export class NameSource {
  private readonly used = new Set<string>();
  private readonly counters = new Map<string, number>();

  constructor(model?: Model) {
    if (model) this.addGraph(model.graph);
  }

  /** Marks every name of `graph` and its subgraphs as taken. */
  addGraph(graph: Graph): void {
    for (const v of [...graph.inputs, ...graph.outputs]) this.used.add(v.name);
    for (const k of graph.initializers.keys()) this.used.add(k);
    for (const k of graph.sparseInitializers.keys()) this.used.add(k);
    for (const k of graph.valueInfo.keys()) this.used.add(k);
    for (const n of graph.nodes) {
      if (n.name) this.used.add(n.name);
      for (const v of [...n.inputs, ...n.outputs]) if (v) this.used.add(v);
      for (const { graph: sub } of subgraphsOf(n)) this.addGraph(sub);
    }
  }

  has(name: string): boolean {
    return this.used.has(name);
  }

  /** `base` itself when free, else `base_1`, `base_2` ... */
  fresh(base: string): string {
    let name = base;
    let k = this.counters.get(base) ?? 0;
    while (this.used.has(name)) name = `${base}_${++k}`;
    this.counters.set(base, k);
    this.used.add(name);
    return name;
  }
}
