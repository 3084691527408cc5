import { forEachGraph, type Graph, type Interval, type Model, type Node, OpLookup, subgraphsOf } from '@scanflow/ir';
import type { FixpointMembership, PassContext, PassDefinition, PassPlacement, PassResult, Stage } from '../pass';
import { RangeIndex } from '../passes/streamline/range-index';
import { rankOf, refreshTypes, shapeOf, tidyGraphs } from './graph-tools';
import { NameSource } from './names';
import { NodeOrder } from './node-order';
import { replaceUsesInNode } from './replace-uses';
import { type Uses, UseIndex } from './uses';

/**
 * Editing one graph: every change a rewrite makes goes through these methods, so that the driver
 * keeps the use-def, the node order and the range analysis up to date and knows which nodes to
 * look at again (the graph's `nodes` array is rebuilt when something reads it).
 */
export interface GraphEditor {
  readonly graph: Graph;
  /** Inserts `nodes` (in order) right before / after `anchor`, or at the end of the graph. */
  insertBefore(anchor: Node, ...nodes: Node[]): void;
  insertAfter(anchor: Node, ...nodes: Node[]): void;
  append(...nodes: Node[]): void;
  remove(node: Node): void;
  /** Rewires input `index` of `node` (pads with omitted inputs when `index` is past the end). */
  setInput(node: Node, index: number, value: string): void;
  setInputs(node: Node, values: readonly string[]): void;
  setOutput(node: Node, index: number, value: string): void;
  /** Says `node` changed in place otherwise (op type, domain, attributes). */
  touch(node: Node): void;
  /** Makes every reader of `from` (node inputs, subgraph references) read `to`; graph outputs keep their names. */
  replaceUses(from: string, to: string): void;
  /** Renames a value everywhere in the graph: its producer, readers, graph inputs / outputs, value_info, annotations. */
  renameValue(from: string, to: string): void;
}

/** What a rewrite sees: the graph it works in (with an editor), use-def, ranges, names, op traits and the pass context. */
export interface RewriteContext extends GraphEditor {
  readonly model: Model;
  readonly ctx: PassContext;
  readonly ops: OpLookup;
  readonly names: NameSource;
  /** Producers and readers of the graph's values, as the graph is now. */
  readonly uses: Uses;
  /** The integer interval of a value (range analysis of the graph as it is now), when it is integer-valued. */
  range(name: string): Interval | undefined;
}

/**
 * Tries to rewrite the pattern rooted at `node`; returns true when it changed the graph (through
 * `r`'s editing methods only). Whether it matches may depend on the node, the producers and
 * readers of its values, theirs (two steps away), constants and types — the neighbourhood the
 * driver looks at again after each rewrite — but not on nodes farther away.
 */
export type Rewriter = (r: RewriteContext, node: Node) => boolean;

/** A min-heap of nodes by position. */
class PositionHeap {
  private readonly items: Node[] = [];
  constructor(private readonly key: (n: Node) => number) {}
  get size(): number {
    return this.items.length;
  }
  push(n: Node): void {
    const h = this.items;
    h.push(n);
    for (let i = h.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (this.key(h[p]!) <= this.key(h[i]!)) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }
  peek(): Node | undefined {
    return this.items[0];
  }
  pop(): Node | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.key(h[l]!) < this.key(h[m]!)) m = l;
        if (r < h.length && this.key(h[r]!) < this.key(h[m]!)) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * One graph under rewriting: the node order (a linked list standing in for `graph.nodes` while the
 * driver runs), the use-def index, and the values touched by the last rewrite.
 */
class RewriteSession implements RewriteContext {
  readonly order: NodeOrder;
  readonly uses: UseIndex;
  /** Values whose producer or readers changed in the current rewrite. */
  touched = new Set<string>();
  touchedNodes = new Set<Node>();
  private stale = false;
  private ranges: RangeIndex | undefined;
  /** Values changed since the range index last looked. */
  private unranged = new Set<string>();

  constructor(
    readonly model: Model,
    readonly graph: Graph,
    readonly ctx: PassContext,
    readonly ops: OpLookup,
    readonly names: NameSource,
  ) {
    this.order = new NodeOrder(graph.nodes);
    this.uses = new UseIndex(graph.nodes, (n) => this.order.label(n) ?? Infinity);
    // `graph.nodes` follows the order: rebuilt on read after a change, adopted on write
    const session = this;
    let array = graph.nodes;
    Object.defineProperty(graph, 'nodes', {
      configurable: true,
      enumerable: true,
      get() {
        if (session.stale) {
          array = session.order.toArray();
          session.stale = false;
        }
        return array;
      },
      set() {
        throw new Error(`graph '${graph.name}': nodes were replaced while a rewrite driver edits the graph (use the rewrite context's editing methods)`);
      },
    });
  }

  /** Ends the session: `graph.nodes` is a plain array again. */
  close(): void {
    const nodes = this.graph.nodes;
    delete (this.graph as { nodes?: Node[] }).nodes;
    this.graph.nodes = nodes;
  }

  range(name: string): Interval | undefined {
    if (!this.ranges) this.ranges = new RangeIndex(this.ops, this.graph, this.uses);
    else if (this.unranged.size) this.ranges.invalidate(this.unranged);
    this.unranged = new Set();
    return this.ranges.get(name);
  }

  private changed(node: Node, values: readonly string[]): void {
    this.stale = true;
    this.touchedNodes.add(node);
    for (const v of values) {
      if (!v) continue;
      this.touched.add(v);
      if (this.ranges) this.unranged.add(v);
    }
  }

  private added(node: Node): void {
    if (subgraphsOf(node).length) this.uses.resort([]);
    this.uses.add(node);
    this.changed(node, [...node.inputs, ...node.outputs]);
  }

  insertBefore(anchor: Node, ...nodes: Node[]): void {
    for (const n of nodes) {
      this.order.insertBefore(anchor, n);
      this.added(n);
    }
  }

  insertAfter(anchor: Node, ...nodes: Node[]): void {
    let at = anchor;
    for (const n of nodes) {
      this.order.insertAfter(at, n);
      this.added(n);
      at = n;
    }
  }

  append(...nodes: Node[]): void {
    for (const n of nodes) {
      this.order.append(n);
      this.added(n);
    }
  }

  remove(node: Node): void {
    this.order.remove(node);
    this.uses.remove(node);
    this.changed(node, [...node.inputs, ...node.outputs]);
  }

  private edit(node: Node, apply: () => void): void {
    const before = [...node.inputs, ...node.outputs];
    const outputs = [...node.outputs];
    apply();
    this.uses.update(node, outputs);
    this.changed(node, [...before, ...node.inputs, ...node.outputs]);
  }

  setInput(node: Node, index: number, value: string): void {
    this.edit(node, () => {
      while (node.inputs.length < index) node.inputs.push('');
      node.inputs[index] = value;
    });
  }

  setInputs(node: Node, values: readonly string[]): void {
    this.edit(node, () => {
      node.inputs = [...values];
    });
  }

  setOutput(node: Node, index: number, value: string): void {
    this.edit(node, () => {
      node.outputs[index] = value;
    });
  }

  touch(node: Node): void {
    this.edit(node, () => undefined);
  }

  replaceUses(from: string, to: string): void {
    for (const n of [...(this.uses.consumers.get(from) ?? [])]) {
      const outputs = [...n.outputs];
      replaceUsesInNode(n, from, to);
      this.uses.update(n, outputs);
      this.changed(n, [from, to]);
    }
  }

  renameValue(from: string, to: string): void {
    if (from === to) return;
    const g = this.graph;
    this.replaceUses(from, to);
    const p = this.uses.producer.get(from);
    if (p) this.edit(p, () => p.outputs.forEach((o, k) => o === from && (p.outputs[k] = to)));
    for (const v of [...g.inputs, ...g.outputs]) if (v.name === from) v.name = to;
    const rekey = <T>(m: Map<string, T>, fix?: (v: T) => T): void => {
      const v = m.get(from);
      if (v === undefined) return;
      m.delete(from);
      m.set(to, fix ? fix(v) : v);
    };
    rekey(g.initializers);
    rekey(g.valueInfo, (vi) => ({ ...vi, name: to }));
    rekey(g.annotations);
    this.touched.add(from).add(to);
    if (this.ranges) this.unranged.add(from).add(to);
  }

  /** Nodes whose match may have changed with the last rewrite: two steps around what it touched (constants' readers excepted). */
  dirty(): Set<Node> {
    const out = new Set<Node>(this.touchedNodes);
    const around = (values: Iterable<string>): Node[] => {
      const found: Node[] = [];
      for (const v of values) {
        const p = this.uses.producer.get(v);
        if (p) found.push(p);
        if (this.graph.initializers.has(v)) continue;
        for (const c of this.uses.consumers.get(v) ?? []) found.push(c);
      }
      return found;
    };
    const first = around(this.touched);
    for (const n of first) out.add(n);
    for (const n of first) for (const m of around([...n.inputs, ...n.outputs].filter((x) => x))) out.add(m);
    this.touched = new Set();
    this.touchedNodes = new Set();
    return out;
  }
}

/**
 * Applies a local rewrite everywhere, in every graph (Scan bodies included, parents first), until it
 * no longer matches: each time at the first node (in graph order) where it matches, as if the scan
 * restarted from the top after every rewrite — but only the nodes near the last rewrite are looked
 * at again, so a pass costs about one walk over the graph plus the work of its rewrites. The graphs
 * changed are pruned of dead nodes and sorted afterwards. Returns the number of rewrites.
 */
export function rewriteAll(model: Model, ctx: PassContext, rewriter: Rewriter, limit = 100_000): number {
  return inEverySession(model, ctx, (s) => {
    let count = 0;
    const heap = new PositionHeap((n) => s.order.label(n) ?? Infinity);
    let cursor = s.order.first();
    const behind = (n: Node): boolean => cursor === undefined || (s.order.label(n) ?? Infinity) < (s.order.label(cursor) ?? Infinity);
    while (count < limit) {
      let node: Node | undefined;
      let fromHeap = false;
      while (heap.size && !node) {
        const top = heap.pop()!;
        if (s.order.has(top) && behind(top)) {
          node = top;
          fromHeap = true;
        }
      }
      if (!node) node = cursor;
      if (!node) break;
      if (!rewriter(s, node)) {
        if (!fromHeap) cursor = s.order.after(node);
        continue;
      }
      count++;
      if (!fromHeap && !s.order.has(node)) cursor = s.order.after(node);
      else if (cursor && !s.order.has(cursor)) cursor = s.order.after(cursor);
      for (const d of s.dirty()) if (s.order.has(d) && behind(d)) heap.push(d);
    }
    return count;
  });
}

/**
 * Visits every node of every graph once (parents first; each graph's nodes in their order when the
 * visit of that graph starts, skipping those removed meanwhile), with the same editing context as
 * `rewriteAll`: `visit` returns true when it changed the graph. The graphs changed are pruned and
 * sorted afterwards. Returns the number of visits that changed something. For passes that convert
 * each node of a kind once (quantisers into thresholds) rather than rewrite to a fixpoint.
 */
export function visitAll(model: Model, ctx: PassContext, visit: Rewriter): number {
  return inEverySession(model, ctx, (s) => {
    let count = 0;
    for (const node of s.order.toArray()) {
      if (s.order.has(node) && visit(s, node)) count++;
      s.dirty();
    }
    return count;
  });
}

/**
 * Runs `walk` on a rewrite session of every graph (parents first, one NameSource and op lookup for
 * the model); the graphs where it changed something (a count > 0) are pruned and sorted afterwards.
 * Returns the sum of the counts.
 */
function inEverySession(model: Model, ctx: PassContext, walk: (s: RewriteSession) => number): number {
  const names = new NameSource(model);
  const ops = new OpLookup(ctx.registry, model);
  const changed: Graph[] = [];
  let total = 0;
  forEachGraph(model.graph, (graph) => {
    const s = new RewriteSession(model, graph, ctx, ops, names);
    let count: number;
    try {
      count = walk(s);
    } finally {
      s.close();
    }
    if (count) changed.push(graph);
    total += count;
  });
  tidyGraphs(model, changed);
  return total;
}

/**
 * A pass made of one local rewrite applied to a fixpoint (shapes refreshed before, as rewrites read
 * ranks). `finish` runs after the fixpoint with the number of rewrites (e.g. to declare a domain the
 * rewrites introduced, or to note what was left alone and why).
 *
 * ```ts
 * export default rewritePass({
 *   name: 'fold-double-negation',
 *   description: 'Neg(Neg(x)) → x',
 *   what: 'double negation(s) removed',
 *   placement: { stage: 'streamlined', after: ['streamline'] },
 *   rewriter: (r, node) => { ...; r.replaceUses(node.outputs[0], x); r.remove(node); return true; },
 * });
 * ```
 */
export function rewritePass(spec: {
  name: string;
  description: string;
  rewriter: Rewriter;
  /** What one rewrite does, for the note: `${count} ${what}`. */
  what: string;
  stage?: Stage;
  placement?: PassPlacement | readonly PassPlacement[];
  fixpoint?: FixpointMembership;
  finish?: (model: Model, ctx: PassContext, rewrites: number) => void;
}): PassDefinition {
  return {
    name: spec.name,
    description: spec.description,
    stage: spec.stage ?? 'streamlined',
    ...(spec.placement ? { placement: spec.placement } : {}),
    ...(spec.fixpoint ? { fixpoint: spec.fixpoint } : {}),
    run(model, ctx): PassResult {
      refreshTypes(model, ctx);
      const n = rewriteAll(model, ctx, spec.rewriter);
      if (n) ctx.note(`${n} ${spec.what}`);
      spec.finish?.(model, ctx, n);
      return { changed: n > 0 };
    },
  };
}

/** The rank of a value, re-running shape inference once when a rewrite created it without a type. */
export function rankIn(r: RewriteContext, name: string): number | undefined {
  const have = rankOf(r.graph, name);
  if (have !== undefined) return have;
  refreshTypes(r.model, r.ctx);
  return rankOf(r.graph, name);
}

/** Whether two values have the same known shape (re-running shape inference once if needed). */
export function sameShapeIn(r: RewriteContext, a: string, b: string): boolean {
  const get = (n: string) => shapeOf(r.graph, n);
  if (!get(a) || !get(b)) refreshTypes(r.model, r.ctx);
  const x = get(a);
  const y = get(b);
  return x !== undefined && y !== undefined && JSON.stringify(x) === JSON.stringify(y);
}
