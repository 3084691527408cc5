import {
  forEachGraph,
  isGraphOutput,
  type Graph,
  inferTypes,
  type Model,
  Node,
  outerScopeReferences,
  sortGraph,
  subgraphsOf,
  Tensor,
  toNumbers,
} from '@scanflow/ir';
import type { PassContext } from '../pass';
import type { NameSource } from './names';
import { type Uses, usesOf } from './uses';

export { type Uses, usesOf } from './uses';

/** Graph-editing helpers shared by the passes (and public, for plugin authors' passes). */

/** The value of `name` when it is a constant of `graph` (an initializer that is not also a graph input). */
export function constantOf(graph: Graph, name: string | undefined): Tensor | undefined {
  if (!name) return undefined;
  const t = graph.initializers.get(name);
  if (!t || graph.inputs.some((i) => i.name === name)) return undefined;
  return t;
}

/** A float32 initializer with a fresh name, returning the name. */
export function addConstant(graph: Graph, names: NameSource, base: string, t: Tensor): string {
  const name = names.fresh(base);
  graph.initializers.set(name, t);
  return name;
}

/** The nodes reading `name` through their inputs, or undefined when a graph output or a subgraph reads it too. */
export function soleReaders(graph: Graph, uses: Uses, name: string): readonly Node[] | undefined {
  if (isGraphOutput(graph, name) || uses.readBySubgraph.has(name)) return undefined;
  return uses.consumers.get(name) ?? [];
}

/** Whether `name` is read exactly once, by `reader`'s inputs, and by nothing else. */
export function readOnlyBy(graph: Graph, uses: Uses, name: string, reader: Node): boolean {
  const r = soleReaders(graph, uses, name);
  return r !== undefined && r.length === 1 && r[0] === reader && reader.inputs.filter((i) => i === name).length === 1;
}

/** For a binary node, the index of its one constant input (the other being dynamic), with the constant. */
export function constantOperand(graph: Graph, node: Node): { index: 0 | 1; value: Tensor; other: string } | undefined {
  if (node.inputs.length !== 2) return undefined;
  const a = constantOf(graph, node.inputs[0]);
  const b = constantOf(graph, node.inputs[1]);
  if (a && !b) return { index: 0, value: a, other: node.inputs[1] };
  if (b && !a) return { index: 1, value: b, other: node.inputs[0] };
  return undefined;
}

/** A Mul (default domain) of a dynamic value by a constant: the pattern all scale moves work on. */
export function scaleMul(graph: Graph, node: Node | undefined): { input: string; scale: Tensor } | undefined {
  if (!node || node.opType !== 'Mul' || node.domain !== '') return undefined;
  const c = constantOperand(graph, node);
  return c ? { input: c.other, scale: c.value } : undefined;
}

/** An Add (default domain) of a dynamic value and a constant. */
export function biasAdd(graph: Graph, node: Node | undefined): { input: string; bias: Tensor } | undefined {
  if (!node || node.opType !== 'Add' || node.domain !== '') return undefined;
  const c = constantOperand(graph, node);
  return c ? { input: c.other, bias: c.value } : undefined;
}

/** Numbers of a tensor. */
export function valuesOf(t: Tensor): number[] {
  return toNumbers(t);
}

/** A float32 tensor. */
export function f32Tensor(dims: readonly number[], values: ArrayLike<number>): Tensor {
  return new Tensor('float32', dims, Float32Array.from(values));
}

/**
 * A constant `c` seen from a value of rank `rank` it broadcasts onto: its values along `axis`
 * (length dims[axis]), or a single value; undefined when it varies along another axis or would raise
 * the rank of the result.
 */
export function alongAxis(c: Tensor, rank: number, axis: number): number[] | undefined {
  if (c.rank > rank) return undefined;
  const dims = [...new Array<number>(rank - c.rank).fill(1), ...c.dims];
  const v = valuesOf(c);
  if (v.length === 1) return v;
  for (let a = 0; a < rank; a++) if (a !== axis && dims[a] !== 1) return undefined;
  return v;
}

/** Element-wise equality of two constants (same shape, same values). */
export function sameConstant(a: Tensor, b: Tensor): boolean {
  if (a === b) return true;
  if (a.dims.join() !== b.dims.join()) {
    // two single values are equal whatever their (all-1) shapes, as long as the rank matches
    return a.size === 1 && b.size === 1 && a.rank === b.rank && valuesOf(a)[0] === valuesOf(b)[0];
  }
  const x = valuesOf(a);
  const y = valuesOf(b);
  return x.every((v, i) => v === y[i]);
}

/** The declared rank of a value (after `refreshTypes`), if known. */
export function rankOf(graph: Graph, name: string): number | undefined {
  const t = graph.typeOf(name);
  return t?.kind === 'tensor' ? t.shape?.length : undefined;
}

/** The declared shape of a value, if known. */
export function shapeOf(graph: Graph, name: string): (number | string | null)[] | undefined {
  const t = graph.typeOf(name);
  return t?.kind === 'tensor' ? t.shape : undefined;
}

/** Re-infers element types and shapes into value_info (best effort: a failure is noted, not thrown). */
export function refreshTypes(model: Model, ctx: PassContext): void {
  try {
    inferTypes(model, ctx.registry, ctx.evaluate ? { evaluate: ctx.evaluate } : {});
  } catch (e) {
    ctx.note(`shape inference failed: ${(e as Error).message}`);
  }
}

/** Drops nodes nothing reads (outputs neither graph outputs nor read by a node / subgraph), then unused initializers and stale value_info. */
export function pruneDead(graph: Graph): number {
  // Linear: count the readers of every value (node inputs and subgraph references), then drop
  // unread nodes with a worklist, un-reading their inputs as they go (a chain of dead nodes goes in
  // one pass, not one pass per link).
  const uses = usesOf(graph);
  const outputs = new Set(graph.outputs.map((o) => o.name));
  const readers = new Map<string, number>();
  const refsOf = (n: Node): string[] => {
    const refs = new Set<string>();
    for (const { graph: sub } of subgraphsOf(n)) for (const r of outerScopeReferences(sub)) refs.add(r);
    return [...refs];
  };
  const reads = (n: Node): string[] => [...n.inputs.filter((i) => i), ...refsOf(n)];
  for (const n of graph.nodes) for (const v of reads(n)) readers.set(v, (readers.get(v) ?? 0) + 1);
  const unread = (o: string): boolean => !o || (!outputs.has(o) && !(readers.get(o) ?? 0));
  const dead = new Set<Node>();
  const work = graph.nodes.filter((n) => n.outputs.every(unread));
  while (work.length) {
    const n = work.pop()!;
    if (dead.has(n)) continue;
    dead.add(n);
    for (const v of reads(n)) {
      readers.set(v, readers.get(v)! - 1);
      const p = uses.producer.get(v);
      if (p && !dead.has(p) && p.outputs.every(unread)) work.push(p);
    }
  }
  const removed = dead.size;
  if (removed) graph.nodes = graph.nodes.filter((n) => !dead.has(n));
  const read = new Set<string>(graph.outputs.map((o) => o.name));
  for (const n of graph.nodes) {
    for (const i of n.inputs) if (i) read.add(i);
    for (const { graph: sub } of subgraphsOf(n)) for (const r of outerScopeReferences(sub)) read.add(r);
  }
  for (const k of [...graph.initializers.keys()]) if (!read.has(k) && !graph.inputs.some((i) => i.name === k)) graph.initializers.delete(k);
  const defined = new Set<string>([...graph.inputs.map((i) => i.name), ...graph.initializers.keys()]);
  for (const n of graph.nodes) for (const o of n.outputs) if (o) defined.add(o);
  for (const k of [...graph.valueInfo.keys()]) if (!defined.has(k)) graph.valueInfo.delete(k);
  for (const k of [...graph.annotations.keys()]) if (!defined.has(k) && !isGraphOutput(graph, k)) graph.annotations.delete(k);
  return removed;
}

/** Prunes and re-sorts a graph after a rewrite. */
export function tidy(graph: Graph, outer: Iterable<string> = []): void {
  pruneDead(graph);
  sortGraph(graph, outer);
}

/** Names visible to `graph` from enclosing graphs (for sorting bodies). */
export function outerNamesOf(model: Model): Map<Graph, Set<string>> {
  const out = new Map<Graph, Set<string>>();
  const visit = (g: Graph, outer: Set<string>): void => {
    out.set(g, outer);
    const mine = new Set(outer);
    for (const i of g.inputs) mine.add(i.name);
    for (const k of g.initializers.keys()) mine.add(k);
    for (const n of g.nodes) for (const o of n.outputs) if (o) mine.add(o);
    for (const n of g.nodes) for (const { graph: sub } of subgraphsOf(n)) visit(sub, mine);
  };
  visit(model.graph, new Set());
  return out;
}

/** Prunes and sorts the given graphs of the model (each with the names its enclosing graphs define). */
export function tidyGraphs(model: Model, graphs: readonly Graph[]): void {
  if (!graphs.length) return;
  const outer = outerNamesOf(model);
  for (const g of graphs) tidy(g, outer.get(g) ?? []);
}

/** Runs `rewrite` on every graph of the model (parents first) and tidies the graphs it changed. */
export function forEachGraphTidy(model: Model, rewrite: (g: Graph) => number): number {
  let total = 0;
  const changed: Graph[] = [];
  forEachGraph(model.graph, (g) => {
    const n = rewrite(g);
    if (n) changed.push(g);
    total += n;
  });
  tidyGraphs(model, changed);
  return total;
}

/** Prunes and sorts every graph of the model (after a rewrite that touched a Scan and its body). */
export function tidyAll(model: Model): void {
  const outer = outerNamesOf(model);
  forEachGraph(model.graph, (g) => tidy(g, outer.get(g) ?? []));
}

/** A new default-domain node. */
export function op(opType: string, inputs: string[], outputs: string[], name?: string, attributes?: ConstructorParameters<typeof Node>[0]['attributes']): Node {
  return new Node({ opType, inputs, outputs, ...(name ? { name } : {}), ...(attributes ? { attributes } : {}) });
}

/** The values of `t` broadcast (numpy rules) onto `dims`, flattened. */
export function broadcastTo(t: Tensor, dims: readonly number[]): number[] {
  const v = valuesOf(t);
  const rank = dims.length;
  const td = [...new Array<number>(Math.max(0, rank - t.rank)).fill(1), ...t.dims];
  const n = dims.reduce((a, b) => a * b, 1);
  const out = new Array<number>(n);
  for (let k = 0; k < n; k++) {
    let rem = k;
    let flat = 0;
    let stride = 1;
    for (let a = rank - 1; a >= 0; a--) {
      const c = rem % dims[a];
      rem = Math.floor(rem / dims[a]);
      if (td[a] !== 1) flat += c * stride;
      stride *= td[a];
    }
    out[k] = v[flat];
  }
  return out;
}

/** The numpy broadcast of two shapes, or undefined when they do not broadcast. */
export function broadcastDims(a: readonly number[], b: readonly number[]): number[] | undefined {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let k = 0; k < rank; k++) {
    const x = a[a.length - rank + k] ?? 1;
    const y = b[b.length - rank + k] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return undefined;
    out.push(x === 1 ? y : x);
  }
  return out;
}

/** A fresh name for the unscaled value behind `y` (`y_unscaled`, numbered rather than repeated when y already is one). */
export function unscaledName(names: NameSource, y: string): string {
  return names.fresh(/_unscaled(_\d+)?$/.test(y) ? y.replace(/(_\d+)$/, '') : `${y}_unscaled`);
}

/** Reshapes a per-axis (1-D) parameter so that it broadcasts along `axis` of a rank-`rank` tensor (a single value stays as it is). */
export function reshapeAlongAxis(t: Tensor, axis: number, rank: number): Tensor {
  if (t.rank === 0) return t;
  const dims = new Array<number>(rank).fill(1);
  dims[axis < 0 ? axis + rank : axis] = t.size;
  return t.reshape(dims);
}
