import { attrFloat, attrGraph, attrInt, attrString, type Graph, type Model, type Node, parseDataType, QONNX_DOMAIN, subgraphsOf, topologicalOrder } from '@scanflow/ir';
import { constantOf, valuesOf } from './graph-tools';

/**
 * Integer range analysis: which values are integers, and in which interval. A value has a range
 * only when it is certainly integer-valued: an integer constant, a MultiThreshold with integer
 * out_scale / out_bias, or MatMul / Conv / Add / Sub / Mul / data movement of such values. Graph
 * inputs take the range of their annotated integer datatype. Scan bodies are analysed with their
 * states widened until the state ranges are stable.
 */
export interface Interval {
  lo: number;
  hi: number;
}

export type Ranges = Map<string, Interval>;

const SAME_AS_INPUT = new Set(['Identity', 'Reshape', 'Transpose', 'Squeeze', 'Unsqueeze', 'Flatten', 'Expand', 'Tile', 'Gather', 'Slice', 'MaxPool']);

function span(values: number[]): Interval | undefined {
  if (!values.length || !values.every((v) => Number.isInteger(v))) return undefined;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return { lo, hi };
}

function join(a: Interval, b: Interval): Interval {
  return { lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) };
}

function product(a: Interval, b: Interval): Interval {
  const c = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
  return { lo: Math.min(...c) + 0, hi: Math.max(...c) + 0 };
}

/** Range of Σ_k w_k · x_k per output row, x in `x`, for the rows of a constant matrix stored row by row (`rows` × `k`). */
function dotRange(w: number[], rows: number, k: number, x: Interval, includeZero: boolean): Interval {
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = 0; r < rows; r++) {
    let a = 0;
    let b = 0;
    for (let j = 0; j < k; j++) {
      const v = w[r * k + j];
      const p = v * x.lo;
      const q = v * x.hi;
      const pl = includeZero ? Math.min(p, q, 0) : Math.min(p, q);
      const ph = includeZero ? Math.max(p, q, 0) : Math.max(p, q);
      a += pl;
      b += ph;
    }
    lo = Math.min(lo, a);
    hi = Math.max(hi, b);
  }
  return { lo: lo + 0, hi: hi + 0 };
}

/** Range of one node's outputs, from the ranges of its inputs (`declared`: MultiThreshold outputs cover their out_dtype too). */
function nodeRanges(graph: Graph, node: Node, r: Ranges, declared = false): (Interval | undefined)[] | undefined {
  const get = (i: number): Interval | undefined => (node.inputs[i] ? r.get(node.inputs[i]) : undefined);
  if (node.domain === QONNX_DOMAIN && node.opType === 'MultiThreshold') {
    const s = attrFloat(node, 'out_scale', 1);
    const b = attrFloat(node, 'out_bias', 0);
    const t = constantOf(graph, node.inputs[1]) ?? graph.initializers.get(node.inputs[1]);
    const steps = t && t.rank === 2 ? t.dims[1] : undefined;
    if (!Number.isInteger(s) || !Number.isInteger(b) || steps === undefined) return undefined;
    const own = { lo: b + Math.min(0, s * steps), hi: b + Math.max(0, s * steps) };
    if (!declared) return [own];
    let dt;
    try {
      dt = parseDataType(attrString(node, 'out_dtype', 'FLOAT32'));
    } catch {
      return [own];
    }
    return [dt.isInteger ? join(own, { lo: dt.min, hi: dt.max }) : own];
  }
  if (node.domain !== '') return undefined;
  switch (node.opType) {
    case 'Add':
    case 'Sub': {
      const a = get(0);
      const b = get(1);
      if (!a || !b) return undefined;
      return [node.opType === 'Add' ? { lo: a.lo + b.lo, hi: a.hi + b.hi } : { lo: a.lo - b.hi, hi: a.hi - b.lo }];
    }
    case 'Mul': {
      const a = get(0);
      const b = get(1);
      return a && b ? [product(a, b)] : undefined;
    }
    case 'Relu': {
      const a = get(0);
      return a ? [{ lo: Math.max(0, a.lo), hi: Math.max(0, a.hi) }] : undefined;
    }
    case 'MatMul': {
      const A = constantOf(graph, node.inputs[0]);
      const B = constantOf(graph, node.inputs[1]);
      const a = get(0);
      const b = get(1);
      if (!a || !b) return undefined;
      if (A && A.rank === 2 && !B) return [dotRange(valuesOf(A), A.dims[0], A.dims[1], b, false)];
      if (B && B.rank === 2 && !A) {
        // rows of Bᵀ: column j of B
        const [k, n] = B.dims;
        const v = valuesOf(B);
        const t: number[] = [];
        for (let j = 0; j < n; j++) for (let i = 0; i < k; i++) t.push(v[i * n + j]);
        return [dotRange(t, n, k, a, false)];
      }
      return undefined;
    }
    case 'Conv': {
      const W = constantOf(graph, node.inputs[1]);
      const x = get(0);
      if (!W || !x || node.inputs[2]) return undefined;
      const cout = W.dims[0];
      return [dotRange(valuesOf(W), cout, W.size / cout, x, true)];
    }
    default:
      if (SAME_AS_INPUT.has(node.opType)) {
        const a = get(0);
        return a ? [a] : undefined;
      }
      return undefined;
  }
}

/**
 * Analyses `graph`, given ranges of its inputs (and of outer values), recording body ranges in `all`.
 * With `declared`, a MultiThreshold's range also covers its out_dtype (the quantiser's full range,
 * not only the levels its thresholds can reach).
 */
export function analyseGraph(model: Model, graph: Graph, given: Ranges, all?: Map<Graph, Ranges>, declared = false): Ranges {
  const r: Ranges = new Map(given);
  for (const i of graph.inputs) {
    if (r.has(i.name)) continue;
    const dt = graph.getDataType(i.name);
    if (dt?.isInteger) r.set(i.name, { lo: dt.min, hi: dt.max });
  }
  for (const [k, t] of graph.initializers) {
    const s = span(valuesOf(t));
    if (s) r.set(k, s);
  }
  let order: Node[];
  try {
    order = topologicalOrder(graph, given.keys());
  } catch {
    order = graph.nodes;
  }
  for (const node of order) {
    if (node.opType === 'Scan' && node.domain === '') {
      const outs = scanRanges(model, graph, node, r, all);
      node.outputs.forEach((o, k) => o && outs[k] && r.set(o, outs[k]!));
      continue;
    }
    if (subgraphsOf(node).length) continue;
    const outs = nodeRanges(graph, node, r, declared);
    if (outs) node.outputs.forEach((o, k) => o && outs[k] && r.set(o, outs[k]!));
  }
  all?.set(graph, r);
  return r;
}

/** Scan: states start from the initial values' ranges and widen (at most 8 rounds) until stable. */
function scanRanges(model: Model, graph: Graph, node: Node, r: Ranges, all?: Map<Graph, Ranges>): (Interval | undefined)[] {
  const body = attrGraph(node, 'body');
  const m = attrInt(node, 'num_scan_inputs');
  const n = node.inputs.length - m;
  const state: (Interval | undefined)[] = node.inputs.slice(0, n).map((i) => (i ? r.get(i) : undefined));
  let inner: Ranges = new Map();
  for (let round = 0; round < 8; round++) {
    const given: Ranges = new Map();
    for (const [k, v] of r) given.set(k, v);
    body.inputs.forEach((inp, k) => {
      const v = k < n ? state[k] : r.get(node.inputs[k]);
      if (v) given.set(inp.name, v);
      else given.delete(inp.name);
    });
    inner = analyseGraph(model, body, given);
    let stable = true;
    for (let k = 0; k < n; k++) {
      const o = inner.get(body.outputs[k].name);
      const next = state[k] && o ? join(state[k]!, o) : undefined;
      if ((next?.lo ?? NaN) !== (state[k]?.lo ?? NaN) || (next?.hi ?? NaN) !== (state[k]?.hi ?? NaN)) {
        if (!(next === undefined && state[k] === undefined)) stable = false;
        state[k] = next;
      }
    }
    if (stable) break;
    if (round === 7) state.fill(undefined);
  }
  if (all) {
    const given: Ranges = new Map(r);
    body.inputs.forEach((inp, k) => {
      const v = k < n ? state[k] : r.get(node.inputs[k]);
      if (v) given.set(inp.name, v);
      else given.delete(inp.name);
    });
    inner = analyseGraph(model, body, given, all);
  }
  return node.outputs.map((_, k) => (k < n ? state[k] : inner.get(body.outputs[k]?.name ?? '')));
}

/** Ranges of every graph of the model. */
export function analyseModel(model: Model): Map<Graph, Ranges> {
  const all = new Map<Graph, Ranges>();
  analyseGraph(model, model.graph, new Map(), all);
  return all;
}

