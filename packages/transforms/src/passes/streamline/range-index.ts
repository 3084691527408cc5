import { type Graph, type Interval, type Node, type OpLookup, outerScopeReferences, spanOf, subgraphsOf } from '@scanflow/ir';
import type { Uses } from '../../graph/uses';
import { loopRanges, nodeRanges, type Ranges } from './ranges';
import { valuesOf } from '../../graph/graph-tools';

/**
 * The integer range analysis of one graph computed on demand, value by value, and kept as the graph
 * changes: `get` computes a value's interval from its producer's inputs (memoised), `invalidate`
 * forgets the intervals of changed values and of everything computed from them. Gives what
 * `analyseGraph(ops, graph, new Map())` gives, without walking the whole graph for each question —
 * what keeps rewrites that ask for a range (absorbing into thresholds, quantiser domains) linear.
 */
export class RangeIndex {
  /** null: computed, not integer-valued. */
  private readonly memo = new Map<string, Interval | null>();

  constructor(
    private readonly ops: OpLookup,
    private readonly graph: Graph,
    private readonly uses: Uses,
  ) {}

  get(name: string): Interval | undefined {
    if (!this.memo.has(name)) this.compute(name);
    return this.memo.get(name) ?? undefined;
  }

  /** Forgets `names` and every value computed from them. */
  invalidate(names: Iterable<string>): void {
    const stack = [...names];
    while (stack.length) {
      const v = stack.pop()!;
      this.memo.delete(v);
      for (const c of this.uses.consumers.get(v) ?? []) for (const o of c.outputs) if (o && this.memo.has(o)) stack.push(o);
    }
  }

  /** The values the interval of `name` depends on: its producer's inputs (and a loop body's outer reads). */
  private deps(p: Node): string[] {
    const out = p.inputs.filter((i) => i);
    for (const { graph: sub } of subgraphsOf(p)) for (const r of outerScopeReferences(sub)) out.push(r);
    return out;
  }

  private source(name: string): Interval | null | Node {
    const t = this.graph.initializers.get(name);
    const s = t ? spanOf(valuesOf(t)) : undefined;
    if (s) return s;
    const p = this.uses.producer.get(name);
    if (p) return p;
    if (this.graph.inputs.some((i) => i.name === name)) {
      const dt = this.graph.getDataType(name);
      if (dt?.isInteger) return { lo: dt.min, hi: dt.max };
    }
    return null;
  }

  private compute(name: string): void {
    const stack = [name];
    const open = new Set<string>([name]);
    while (stack.length) {
      const v = stack[stack.length - 1]!;
      if (this.memo.has(v)) {
        stack.pop();
        open.delete(v);
        continue;
      }
      const src = this.source(v);
      if (!src || !('opType' in src)) {
        this.memo.set(v, src);
        stack.pop();
        open.delete(v);
        continue;
      }
      const p = src;
      const missing = this.deps(p).filter((d) => !this.memo.has(d) && !open.has(d));
      if (missing.length) {
        for (const d of missing) {
          stack.push(d);
          open.add(d);
        }
        continue;
      }
      // a dependency still open is a cycle (not a valid graph): not integer-valued
      for (const d of this.deps(p)) if (!this.memo.has(d)) this.memo.set(d, null);
      this.evaluate(p);
      stack.pop();
      open.delete(v);
    }
  }

  private evaluate(p: Node): void {
    const loop = this.ops.loop(p);
    let outs: (Interval | undefined)[] | undefined;
    if (loop) {
      const given: Ranges = new Map();
      for (const d of this.deps(p)) {
        const r = this.memo.get(d);
        if (r) given.set(d, r);
      }
      outs = loopRanges(this.ops, p, loop, given);
    } else if (!subgraphsOf(p).length) {
      outs = nodeRanges(this.ops, this.graph, p, { get: (n) => this.memo.get(n) ?? undefined }, false);
    }
    p.outputs.forEach((o, k) => o && this.memo.set(o, outs?.[k] ?? null));
  }
}
