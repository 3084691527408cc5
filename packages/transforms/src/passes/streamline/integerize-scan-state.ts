import { addPrecondition, attr, attrGraph, attrInt, attrInts, type Graph, hasAttr, type Model, Node, OpLookup, QONNX_DOMAIN, smallestIntTypeForRange, subgraphsOf, type Tensor, isGraphOutput } from '@scanflow/ir';
import { NameSource } from '../../graph/names';
import { boundaryInput, dependsOnInputs } from '../../graph/boundary-input';
import { definePass, type PassContext } from '../../pass';
import { addConstant, alongAxis, broadcastTo, constantOf, f32Tensor, forEachGraphTidy, op, rankOf, refreshTypes, scaleMul, tidyAll, usesOf, valuesOf } from '../../graph/graph-tools';
import { float32Steps, quantLevel } from './quantiser';
import { analyseGraph, type Interval } from './ranges';

/**
 * Scan state integerisation. When a body's state output is Mul(v, s) — v integer-valued in a known
 * range [lo, hi], s a positive constant per tensor or per channel (axis 1) — and the state input is
 * only read by ops a scale moves past or into (MatMul, Mul, Add, MultiThreshold, Conv), the loop
 * carries the integer v instead:
 *
 * - body: the state input becomes the integer n, and Mul(n, s) rebuilds the old value for its
 *   readers (the streamlining passes then move that Mul on); the state output becomes v;
 * - outside: the initial state x0 is quantised onto the grid, n0 = clamp(round_half_even(x0 / s),
 *   lo, hi) — a MultiThreshold with exact float32 thresholds (or folded, for a constant x0) — and
 *   the final state is Mul(n_T, s) again. [lo, hi] is v's range with every MultiThreshold taken at
 *   its declared out_dtype (the quantiser's full range): e.g. h in INT8 even if the body's h can
 *   only reach ±30, c = fc + ig in [-64, 62] for 6-bit fc and ig.
 *
 * The initial state is therefore quantised: the result is unchanged when x0 already lies on the grid
 * s·[lo, hi] (e.g. zero), which is what every state after the first step does anyway.
 *
 * Scan outputs (not states) that are Mul(v, s) — directly or through an Identity — likewise output v,
 * with Mul(·, s) after the Scan. A value that becomes two body outputs is computed twice (its producer
 * is cloned) so that body outputs keep distinct names.
 */

/** A reader a scale moves past or into (MatMul, Conv, Mul, Add, MultiThreshold): its op commutes with scales. */
function takesScale(ops: OpLookup, node: Node): boolean {
  return ops.traits(node).scaleCommuting !== undefined;
}

interface Scaled {
  v: string;
  range: Interval;
  scale: Tensor;
  scaleName: string;
}

/** The scaled integer behind a body output, if any (through one Identity). */
function scaledOutput(body: Graph, name: string, ranges: Map<string, Interval>): Scaled | string {
  const uses = usesOf(body);
  let p = uses.producer.get(name);
  if (p?.opType === 'Identity' && p.domain === '') p = uses.producer.get(p.inputs[0]);
  const m = scaleMul(body, p);
  if (!p || !m) return 'not a Mul by a constant';
  const range = ranges.get(m.input);
  if (!range) return `${m.input} is not integer-valued`;
  if (!valuesOf(m.scale).every((x) => x > 0)) return 'the scale is not positive';
  return { v: m.input, range, scale: m.scale, scaleName: p.inputs[p.inputs[0] === m.input ? 1 : 0] };
}

/** Makes `v` a body output at position k, cloning its producer if `v` already is another output. */
function setOutput(body: Graph, k: number, v: string, names: NameSource): boolean {
  if (!body.outputs.some((o, j) => j !== k && o.name === v) && !body.inputs.some((i) => i.name === v)) {
    body.outputs[k] = { ...body.outputs[k], name: v };
    return true;
  }
  const p = usesOf(body).producer.get(v);
  if (!p || subgraphsOf(p).length || p.outputs.length !== 1) return false;
  const copy = names.fresh(`${v}_out`);
  body.nodes.push(new Node({ opType: p.opType, domain: p.domain, name: names.fresh(`${p.name || v}_copy`), inputs: [...p.inputs], outputs: [copy], attributes: p.attributes }));
  const dt = body.getDataType(v);
  if (dt) body.setDataType(copy, dt);
  body.outputs[k] = { ...body.outputs[k], name: copy };
  return true;
}

/**
 * A body output computed as Identity(w) where w is itself a body output (or input) needs the Identity
 * to keep the names distinct; when w's producer is a plain node, compute it twice instead.
 */
function replaceOutputIdentities(body: Graph, names: NameSource): void {
  const uses = usesOf(body);
  for (const id of [...body.nodes]) {
    if (id.opType !== 'Identity' || id.domain !== '' || !isGraphOutput(body, id.outputs[0])) continue;
    const w = id.inputs[0];
    if (!isGraphOutput(body, w)) continue;
    const p = uses.producer.get(w);
    if (!p || subgraphsOf(p).length || p.outputs.length !== 1) continue;
    body.nodes[body.nodes.indexOf(id)] = new Node({ opType: p.opType, domain: p.domain, name: names.fresh(`${p.name || w}_copy`), inputs: [...p.inputs], outputs: [id.outputs[0]], attributes: p.attributes });
  }
}

/** Quantises the initial state `x0` onto s·[lo, hi]: a folded constant or a MultiThreshold before the Scan. */
function quantiseInitial(ops: OpLookup, graph: Graph, scan: Node, k: number, x0: string, s: Tensor, range: Interval, rank: number, names: NameSource): string {
  const model = ops.model;
  const dt = smallestIntTypeForRange(range.lo, range.hi);
  const c = constantOf(graph, x0);
  if (!c && dependsOnInputs(graph, x0) && !alreadyOnGrid(ops, graph, x0, s, range)) {
    // the boundary changes results for initial states off the grid: a named precondition
    const input = graph === model.graph ? boundaryInput(ops, graph, x0) : undefined;
    // a per-channel grid projects through no data movement: only onto x0 itself
    const traced = input && (s.size === 1 || input === x0) ? input : undefined;
    const perTensor = s.size === 1;
    addPrecondition(model, {
      kind: 'on-grid',
      value: traced ?? x0,
      graphInput: !!traced,
      scale: valuesOf(s),
      ...(perTensor ? {} : { axis: 1 }),
      lo: range.lo,
      hi: range.hi,
      description: `initial state ${k} of Scan ${scan.label} lies on the grid of the state the cell produces (${dt.name} × scale): the hardware carries the state as integers and quantises the initial state onto that grid`,
      pass: 'integerize-scan-state',
    });
  }
  if (c) {
    const sv = broadcastTo(s, c.dims);
    const levels = valuesOf(c).map((x, i) => quantLevel(x, Math.fround(sv[i]), range.lo, range.hi));
    const name = addConstant(graph, names, `${x0}_int`, f32Tensor(c.dims, levels));
    graph.setDataType(name, dt);
    return name;
  }
  const per = rank >= 2 ? alongAxis(s, rank, 1)! : valuesOf(s);
  const rows = per.map((sc) => float32Steps((xs) => Array.from(xs, (x) => quantLevel(x, Math.fround(sc), range.lo, range.hi))));
  const width = rows[0].thresholds.length;
  const same = rows.every((r) => r.thresholds.every((t, k) => t === rows[0].thresholds[k]));
  const table = same ? [rows[0].thresholds] : rows.map((r) => r.thresholds);
  const tName = addConstant(graph, names, `${x0}_grid_thresholds`, f32Tensor([table.length, width], table.flat()));
  const out = names.fresh(`${x0}_int`);
  const base = rows[0].base;
  graph.nodes.splice(
    graph.nodes.indexOf(scan),
    0,
    new Node({
      opType: 'MultiThreshold',
      domain: QONNX_DOMAIN,
      name: names.fresh(`${x0}_grid`),
      inputs: [x0, tName],
      outputs: [out],
      attributes: { out_dtype: dt.name, ...(base !== 0 ? { out_bias: attr.float(base) } : {}) },
    }),
  );
  graph.setDataType(out, dt);
  return out;
}

/**
 * Whether the model itself puts x0 on the state grid: x0 is (through data movement) Mul(v, s) with
 * the state's scale s and v an integer in the state's range — e.g. an initial state through the
 * same quantiser as the state. Then the boundary quantiser changes nothing for any input.
 */
function alreadyOnGrid(ops: OpLookup, graph: Graph, x0: string, s: Tensor, range: Interval): boolean {
  const uses = usesOf(graph);
  let v = x0;
  for (let guard = 0; guard < 16; guard++) {
    const p = uses.producer.get(v);
    if (!p) return false;
    if (ops.traits(p).dataMovement?.kind === 'layout') {
      v = p.inputs[0]!;
      continue;
    }
    const m = scaleMul(graph, p);
    if (!m || m.scale.size !== 1 || s.size !== 1 || valuesOf(m.scale)[0] !== valuesOf(s)[0]) return false;
    const r = analyseGraph(ops, graph, new Map()).get(m.input);
    return !!r && r.lo >= range.lo && r.hi <= range.hi;
  }
  return false;
}

/** Mul(raw, s) after the Scan, producing the Scan's old output name. */
function scaleAfter(graph: Graph, scan: Node, k: number, s: Tensor, range: Interval, names: NameSource): void {
  const o = scan.outputs[k];
  if (!o) return;
  const raw = names.fresh(`${o}_int`);
  scan.outputs[k] = raw;
  graph.setDataType(raw, smallestIntTypeForRange(range.lo, range.hi));
  const sName = addConstant(graph, names, `${o}_scale`, s.clone());
  graph.nodes.splice(graph.nodes.indexOf(scan) + 1, 0, op('Mul', [raw, sName], [o], names.fresh(`${o}_scale`)));
  graph.valueInfo.delete(raw);
}

function integerize(ops: OpLookup, graph: Graph, scan: Node, names: NameSource, ctx: PassContext): number {
  const body = attrGraph(scan, 'body');
  const m = attrInt(scan, 'num_scan_inputs');
  const n = scan.inputs.length - m;
  const where = `Scan ${scan.label}`;
  let count = 0;
  for (let k = 0; k < n; k++) {
    const x0 = scan.inputs[k];
    if (!x0 || body.getDataType(body.inputs[k].name)?.isInteger) continue;
    // the state's range covers the quantisers' declared types, so that any initial state on the grid fits
    const ranges = analyseGraph(ops, body, new Map(), undefined, true);
    const sc = scaledOutput(body, body.outputs[k].name, ranges);
    if (typeof sc === 'string') continue;
    const rank = rankOf(body, body.outputs[k].name);
    if (rank === undefined || sc.scale.rank > rank || (sc.scale.size > 1 && (rank < 2 || !alongAxis(sc.scale, rank, 1)))) {
      ctx.note(`${where}: state ${k}: the scale is not per tensor or per channel (axis 1); left float`);
      continue;
    }
    const inName = body.inputs[k].name;
    const uses = usesOf(body);
    const readers = uses.consumers.get(inName) ?? [];
    if (isGraphOutput(body, inName) || uses.readBySubgraph.has(inName) || !readers.every((r) => takesScale(ops, r))) {
      ctx.note(`${where}: state ${k} (${inName}) is read by ${readers.map((r) => r.opType).join(', ')}; left float`);
      continue;
    }
    if (!setOutput(body, k, sc.v, names)) {
      ctx.note(`${where}: state ${k}: ${sc.v} cannot become a second body output; left float`);
      continue;
    }
    const dt = smallestIntTypeForRange(sc.range.lo, sc.range.hi);
    const intIn = names.fresh(`${inName}_int`);
    body.inputs[k] = { ...body.inputs[k], name: intIn };
    body.setDataType(intIn, dt);
    body.nodes.unshift(op('Mul', [intIn, sc.scaleName], [inName], names.fresh(`${inName}_scale`)));
    scan.inputs[k] = quantiseInitial(ops, graph, scan, k, x0, sc.scale, sc.range, rank, names);
    scaleAfter(graph, scan, k, sc.scale, sc.range, names);
    ctx.note(`${where}: state ${k} (${inName}) carried as ${dt.name} in [${sc.range.lo}, ${sc.range.hi}]; scale moved outside, initial state quantised onto the grid`);
    count++;
  }
  const axes = hasAttr(scan, 'scan_output_axes') ? attrInts(scan, 'scan_output_axes') : [];
  for (let j = n; j < body.outputs.length; j++) {
    if (!scan.outputs[j]) continue;
    const ranges = analyseGraph(ops, body, new Map());
    const sc = scaledOutput(body, body.outputs[j].name, ranges);
    if (typeof sc === 'string') continue;
    if (sc.scale.size > 1 && (axes[j - n] ?? 0) !== 0) continue;
    if (!setOutput(body, j, sc.v, names)) continue;
    body.setDataType(body.outputs[j].name, smallestIntTypeForRange(sc.range.lo, sc.range.hi));
    scaleAfter(graph, scan, j, sc.scale, sc.range, names);
    ctx.note(`${where}: scan output ${j - n} carried as integers; scale moved after the Scan`);
    count++;
  }
  if (count) replaceOutputIdentities(body, names);
  return count;
}

/** Carry Scan states (and scan outputs) as integers, with their scale moved outside the loop. */
export default definePass({
  name: 'integerize-scan-state',
  description: 'carry scaled-integer Scan states / outputs as integers and move the scale outside the loop (the initial state is quantised onto the grid)',
  stage: 'streamlined',
  fixpoint: { of: 'streamline' },
  run(model, ctx) {
    refreshTypes(model, ctx);
    const names = new NameSource(model);
    const ops = new OpLookup(ctx.registry, model);
    const n = forEachGraphTidy(model, (g) => {
      let c = 0;
      for (const node of [...g.nodes]) if (node.opType === 'Scan' && node.domain === '' && model.opsetVersion('') >= 9) c += integerize(ops, g, node, names, ctx);
      return c;
    });
    if (n) {
      tidyAll(model);
      refreshTypes(model, ctx);
    }
    return { changed: n > 0 };
  },
});
