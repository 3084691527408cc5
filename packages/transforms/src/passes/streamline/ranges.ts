import {
  dataInputsOf,
  type Graph,
  type Interval,
  joinIntervals,
  type LoopBinding,
  type Node,
  type OpLookup,
  type RangeContext,
  spanOf,
  subgraphsOf,
  topologicalOrder,
} from '@scanflow/ir';
import { constantOf, valuesOf } from '../../graph/graph-tools';

/**
 * Integer range analysis: which values are integers, and in which interval. A value has a range
 * only when it is certainly integer-valued: an integer constant, or the output of an op whose
 * `ranges` hook says so from its inputs' ranges (MatMul, Conv, Add, Sub, Mul, Relu, MultiThreshold
 * with integer out_scale / out_bias ...), or of a data-movement op (the join of its data inputs).
 * Graph inputs take the range of their annotated integer datatype. Loop bodies (Scan) are analysed
 * with their carried states widened until the state ranges are stable.
 */
export type { Interval };

export type Ranges = Map<string, Interval>;

/** Looks up ranges by value name (a Ranges map, or a lazy index). */
export interface RangeLookup {
  get(name: string): Interval | undefined;
}

/** Range of one node's outputs from the ranges of its inputs (`declared`: outputs cover their declared types too). */
export function nodeRanges(ops: OpLookup, graph: Graph, node: Node, r: RangeLookup, declared: boolean): (Interval | undefined)[] | undefined {
  const traits = ops.traits(node);
  const get = (i: number): Interval | undefined => (node.inputs[i] ? r.get(node.inputs[i]) : undefined);
  if (traits.ranges) {
    const ctx: RangeContext = { node, graph, range: get, constant: (i) => constantOf(graph, node.inputs[i]), declaredTypes: declared };
    return traits.ranges(ctx);
  }
  if (traits.dataMovement) {
    const slots = dataInputsOf(node, traits.dataMovement);
    let out: Interval | undefined;
    for (const k of slots) {
      const a = get(k);
      if (!a) return undefined;
      out = out ? joinIntervals(out, a) : a;
    }
    return out ? node.outputs.map(() => out) : undefined;
  }
  return undefined;
}


/**
 * Analyses `graph`, given ranges of its inputs (and of outer values), recording body ranges in `all`.
 * With `declared`, an output whose type its node declares (MultiThreshold's out_dtype) covers that
 * whole type (the quantiser's full range, not only the levels its thresholds can reach).
 */
export function analyseGraph(ops: OpLookup, graph: Graph, given: Ranges, all?: Map<Graph, Ranges>, declared = false): Ranges {
  const r: Ranges = new Map(given);
  for (const i of graph.inputs) {
    if (r.has(i.name)) continue;
    const dt = graph.getDataType(i.name);
    if (dt?.isInteger) r.set(i.name, { lo: dt.min, hi: dt.max });
  }
  for (const [k, t] of graph.initializers) {
    const s = spanOf(valuesOf(t));
    if (s) r.set(k, s);
  }
  let order: Node[];
  try {
    order = topologicalOrder(graph, given.keys());
  } catch {
    order = graph.nodes;
  }
  for (const node of order) {
    const loop = ops.loop(node);
    if (loop) {
      const outs = loopRanges(ops, node, loop, r, all);
      node.outputs.forEach((o, k) => o && outs[k] && r.set(o, outs[k]!));
      continue;
    }
    if (subgraphsOf(node).length) continue;
    const outs = nodeRanges(ops, graph, node, r, declared);
    if (outs) node.outputs.forEach((o, k) => o && outs[k] && r.set(o, outs[k]!));
  }
  all?.set(graph, r);
  return r;
}

/** A loop (Scan): carried states start from the initial values' ranges and widen (at most 8 rounds) until stable. */
export function loopRanges(ops: OpLookup, node: Node, loop: LoopBinding, r: Ranges, all?: Map<Graph, Ranges>): (Interval | undefined)[] {
  const { body } = loop;
  const carried = loop.inputs.flatMap((b, k) => (b.kind === 'carried' ? [{ ...b, bodyInput: k }] : []));
  const state: (Interval | undefined)[] = carried.map((c) => (node.inputs[c.initial] ? r.get(node.inputs[c.initial]) : undefined));
  const bind = (given: Ranges): void => {
    body.inputs.forEach((inp, k) => {
      const b = loop.inputs[k];
      const c = carried.findIndex((x) => x.bodyInput === k);
      const v = c >= 0 ? state[c] : b?.kind === 'sliced' ? r.get(node.inputs[b.from]) : undefined;
      if (v) given.set(inp.name, v);
      else given.delete(inp.name);
    });
  };
  let inner: Ranges = new Map();
  for (let round = 0; round < 8; round++) {
    const given: Ranges = new Map(r);
    bind(given);
    inner = analyseGraph(ops, body, given);
    let stable = true;
    carried.forEach((c, k) => {
      const o = inner.get(body.outputs[c.next].name);
      const next = state[k] && o ? joinIntervals(state[k]!, o) : undefined;
      if (next?.lo !== state[k]?.lo || next?.hi !== state[k]?.hi) {
        stable = false;
        state[k] = next;
      }
    });
    if (stable) break;
    if (round === 7) state.fill(undefined);
  }
  if (all) {
    const given: Ranges = new Map(r);
    bind(given);
    inner = analyseGraph(ops, body, given, all);
  }
  const out: (Interval | undefined)[] = node.outputs.map(() => undefined);
  carried.forEach((c, k) => {
    if (c.final !== undefined) out[c.final] = state[k];
  });
  for (const s of loop.stacked) out[s.nodeOutput] = inner.get(body.outputs[s.bodyOutput]?.name ?? '');
  return out;
}

/** Ranges of every graph of the model. */
export function analyseModel(ops: OpLookup): Map<Graph, Ranges> {
  const all = new Map<Graph, Ranges>();
  analyseGraph(ops, ops.model.graph, new Map(), all);
  return all;
}
