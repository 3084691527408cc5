import { type Graph, type Model, subgraphsOf } from '@scanflow/ir';

/**
 * Fresh value and node names that clash with nothing anywhere in a model — every graph and nested
 * body — so that a new value never shadows a name of an enclosing scope nor a body's name an outer
 * one. Built once per pass from the model; every name it hands out is then taken.
 *
 * ```ts
 * const names = new NameSource(model);
 * const y = names.fresh(`${x}_scaled`); // 'x_scaled', or 'x_scaled_1' when that is taken ...
 * ```
 */
export class NameSource {
  private readonly used = new Set<string>();
  /** Per base, the last suffix handed out (every smaller one is taken): same names as probing from 1, without the probing. */
  private readonly counters = new Map<string, number>();

  constructor(model?: Model) {
    if (model) this.addGraph(model.graph);
  }

  /** Marks every name of `graph` and its subgraphs as taken: inputs, outputs, initializers, value_info, node names, node inputs and outputs. */
  addGraph(graph: Graph): void {
    for (const v of graph.inputs) this.used.add(v.name);
    for (const v of graph.outputs) this.used.add(v.name);
    for (const k of graph.initializers.keys()) this.used.add(k);
    for (const k of graph.sparseInitializers.keys()) this.used.add(k);
    for (const k of graph.valueInfo.keys()) this.used.add(k);
    for (const n of graph.nodes) {
      if (n.name) this.used.add(n.name);
      for (const v of n.inputs) if (v) this.used.add(v);
      for (const v of n.outputs) if (v) this.used.add(v);
      for (const { graph: sub } of subgraphsOf(n)) this.addGraph(sub);
    }
  }

  /** Whether `name` is taken. */
  has(name: string): boolean {
    return this.used.has(name);
  }

  /** Marks `name` as taken (a name the caller chose itself). */
  reserve(name: string): void {
    this.used.add(name);
  }

  /** `base` itself when free, else `base_1`, `base_2` ... (the first free one); the name is then taken. */
  fresh(base: string): string {
    let name = base;
    if (this.used.has(name)) {
      let k = this.counters.get(base) ?? 0;
      do name = `${base}_${++k}`;
      while (this.used.has(name));
      this.counters.set(base, k);
    }
    this.used.add(name);
    return name;
  }
}
