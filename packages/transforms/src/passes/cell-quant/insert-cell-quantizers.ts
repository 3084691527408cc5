import { attrGraph, attrInt, coreOps, createRegistry, type Graph, type Model, Node, normalizeDomain, OpLookup, QONNX_DOMAIN, type Registry, Tensor, toNumbers } from '@scanflow/ir';
import { NameSource } from '../../graph/names';
import { type CellQuantSpec, type LstmQuantiserName, parseCellQuantSpec } from '../../cell/cell-quant-spec';
import { LSTM_GATES, type LstmCellMatch, type LstmGate, matchLstmCell } from '../../cell/lstm-cell';
import { viewOf, sourceOf } from '../../cell/value-walk';
import { definePass, type FloatCellReport, type PassContext, type ValueRange } from '../../pass';
import { constantOf } from '../../graph/graph-tools';

/**
 * Cell quantisation: inserts FINN-GL-style quantisers (Brevitas QuantLSTM's eleven, plus one weight
 * quantiser per gate) into every float LSTM cell — the bodies of Scans (ONNX LSTM ops lowered at
 * import, FINN-GL Scans) and cells written as graphs — wherever the model has none, each with the
 * bit width the spec gives it. Quantisers the model already has are kept.
 *
 * Scales: weights max|W ∪ U| / (2^(b-1) − 1) per gate (narrow, signed: W and U of a gate share one,
 * as in Brevitas, so W·x + U·h adds like scales); sigmoid outputs 1 / (2^b − 1) (unsigned over
 * [0, 1]); tanh outputs 1 / (2^(b-1) − 1) (over [−1, 1]); every other quantiser max|v| /
 * (2^(b-1) − 1) with max|v| over the calibration inputs (every element, every step) — the
 * accumulators per gate, one cell_state scale over f ⊙ c, i ⊙ g and c_t, and one output scale over
 * x and h_t (Brevitas's io_quant). When x already has a quantiser, h_t takes that quantiser (it is
 * the layer's io quantiser), so W·x and U·h keep the same scale.
 *
 * This is the one place where the flow changes results on purpose: the stage after it is compared
 * with the float model as a quantisation, and every later stage must equal it bit for bit.
 */

const GATE_NAME: Record<LstmGate, string> = { i: 'input', f: 'forget', g: 'cell', o: 'output' };

interface QuantParams {
  scale: number;
  bits: number;
  signed: boolean;
  narrow: boolean;
}

interface Site {
  role: LstmQuantiserName;
  /** Insert after this value (all its readers then read the quantised value). */
  value: string;
  /** Where the range comes from. */
  range: 'sigmoid' | 'tanh' | { calibrate: string[] } | { params: QuantParams };
}

function maxAbs(r: ValueRange | undefined): number {
  return r ? Math.max(Math.abs(r.min), Math.abs(r.max)) : 0;
}

function quantParamsOf(graph: Graph, q: Node): QuantParams | undefined {
  const [s, z, b] = [1, 2, 3].map((k) => constantOf(graph, q.inputs[k]));
  if (!s || !z || !b || s.size !== 1 || toNumbers(z).some((v) => v !== 0)) return undefined;
  return { scale: toNumbers(s)[0]!, bits: toNumbers(b)[0]!, signed: attrInt(q, 'signed', 1) !== 0, narrow: attrInt(q, 'narrow', 0) !== 0 };
}

/** A new Quant node after `value`: the producer writes a fresh name and the Quant writes `value`, so every reader now reads the quantised value. */
function quantiseAfter(graph: Graph, names: NameSource, value: string, p: QuantParams, role: string, isTopInput: boolean): string {
  const c = (base: string, v: number) => {
    const n = names.fresh(`${value}_${base}`);
    graph.initializers.set(n, Tensor.scalar('float32', v));
    return n;
  };
  const params = [c('scale', p.scale), c('zeropt', 0), c('bitwidth', p.bits)];
  const attributes = { signed: { type: 'int' as const, value: BigInt(p.signed ? 1 : 0) }, narrow: { type: 'int' as const, value: BigInt(p.narrow ? 1 : 0) }, rounding_mode: { type: 'string' as const, value: 'ROUND' } };
  const name = names.fresh(`${value}_${role}_quant`);
  if (isTopInput) {
    // the model's own input keeps its name: readers move to the quantised copy
    const q = names.fresh(`${value}_q`);
    for (const n of graph.nodes) n.inputs = n.inputs.map((i) => (i === value ? q : i));
    graph.nodes.unshift(new Node({ opType: 'Quant', domain: QONNX_DOMAIN, name, inputs: [value, ...params], outputs: [q], attributes }));
    return q;
  }
  const raw = names.fresh(`${value}_float`);
  const producer = graph.nodes.find((n) => n.outputs.includes(value));
  if (producer) producer.outputs = producer.outputs.map((o) => (o === value ? raw : o));
  else {
    // a body input: rename it, the Quant gives the old name to the body
    const input = graph.inputs.find((i) => i.name === value);
    if (!input) throw new Error(`cannot quantise '${value}': it is neither computed nor an input of graph '${graph.name}'`);
    graph.inputs[graph.inputs.indexOf(input)] = { ...input, name: raw };
  }
  graph.valueInfo.delete(value);
  graph.nodes.splice(producer ? graph.nodes.indexOf(producer) + 1 : 0, 0, new Node({ opType: 'Quant', domain: QONNX_DOMAIN, name, inputs: [raw, ...params], outputs: [value], attributes }));
  return value;
}

function floatOf(graph: Graph, outer: readonly Graph[], value: string): Tensor | undefined {
  for (const g of [graph, ...outer]) {
    const t = constantOf(g, value);
    if (t) return t;
  }
  return undefined;
}

interface Plan {
  cell: LstmCellMatch;
  /** Graphs enclosing the cell's graph, innermost first (for outer-scope weights). */
  outer: Graph[];
  isTopGraph: boolean;
  sites: Site[];
  weights: { gate: LstmGate; product: LstmCellMatch['gates'][LstmGate]['products'][number] }[];
}

function planCell(ops: OpLookup, cell: LstmCellMatch, outer: Graph[], isTopGraph: boolean, xOuter?: { value: string; quant?: QuantParams }): Plan {
  const v = viewOf(cell.graph, ops);
  const sites: Site[] = [];
  const weights: Plan['weights'] = [];
  for (const gate of LSTM_GATES) {
    const g = cell.gates[gate];
    if (!g.accQuant) sites.push({ role: `${GATE_NAME[gate]}_acc` as LstmQuantiserName, value: g.acc, range: { calibrate: [g.acc] } });
    const sigmoid = g.activation.opType === 'Sigmoid';
    if (!g.outQuant) sites.push({ role: (gate === 'g' ? 'cell_tanh' : `${GATE_NAME[gate]}_sigmoid`) as LstmQuantiserName, value: g.out, range: sigmoid ? 'sigmoid' : 'tanh' });
    for (const product of g.products) if (!sourceOf(v, product.weight).quant) weights.push({ gate, product });
  }
  const cellValues = [cell.fc.outputs[0]!, cell.ig.outputs[0]!, cell.cSum.outputs[0]!];
  if (!cell.fcQuant) sites.push({ role: 'cell_state', value: cell.fc.outputs[0]!, range: { calibrate: cellValues } });
  if (!cell.igQuant) sites.push({ role: 'cell_state', value: cell.ig.outputs[0]!, range: { calibrate: cellValues } });
  // c_t needs its own quantiser only when the products were float: a sum of two values on one grid is on a grid already
  if (!cell.cSumQuant && (!cell.fcQuant || !cell.igQuant)) sites.push({ role: 'cell_state', value: cell.cSum.outputs[0]!, range: { calibrate: cellValues } });
  if (!cell.tanhCQuant) sites.push({ role: 'hidden_state_tanh', value: cell.tanhC.outputs[0]!, range: 'tanh' });
  // the io quantiser: x's own when it has one (inside the cell or, for a Scan, on the sequence outside), else a new one for x and h
  const xData = cell.gates.i.products.find((p) => p.operand === 'x')!.data;
  const inner = sourceOf(v, xData).quant;
  const xParams = inner ? quantParamsOf(cell.graph, inner) : xOuter?.quant;
  const xQuantised = !!inner || !!xOuter?.quant;
  const io = [xOuter?.value ?? cell.x, cell.hMul.outputs[0]!];
  if (!cell.hQuant) sites.push({ role: 'output', value: cell.hMul.outputs[0]!, range: xParams ? { params: xParams } : { calibrate: io } });
  if (!xQuantised) sites.push({ role: 'output', value: cell.x, range: { calibrate: io } });
  return { cell, outer, isTopGraph, sites, weights };
}

function paramsFor(site: Site, spec: CellQuantSpec, ranges: Map<string, ValueRange>): QuantParams {
  const bits = spec[site.role];
  if (site.range === 'sigmoid') return { scale: Math.fround(1 / (2 ** bits - 1)), bits, signed: false, narrow: false };
  if (site.range === 'tanh') return { scale: Math.fround(1 / (2 ** (bits - 1) - 1)), bits, signed: true, narrow: false };
  if ('params' in site.range) return site.range.params;
  const m = Math.max(...site.range.calibrate.map((n) => maxAbs(ranges.get(n))));
  return { scale: Math.fround((m > 0 ? m : 1) / (2 ** (bits - 1) - 1)), bits, signed: true, narrow: false };
}

/** The cells of a model: Scan bodies (with their state inputs) and the top graph when it is a cell itself. */
function findCells(ops: OpLookup, ctx: PassContext): Plan[] {
  const model = ops.model;
  const plans: Plan[] = [];
  const top = model.graph;
  if (!top.nodes.some((n) => n.opType === 'Scan')) {
    const r = matchLstmCell(top, ops);
    if (r.ok) plans.push(planCell(ops, r.cell, [], true, undefined));
    else if (top.nodes.some((n) => n.opType === 'Sigmoid' || n.opType === 'Tanh')) ctx.note(`graph '${top.name}': not an LSTM cell (${r.reason})`);
  }
  const visit = (g: Graph, outer: Graph[]): void => {
    for (const node of g.nodes) {
      if (normalizeDomain(node.domain) !== '' || node.opType !== 'Scan') continue;
      const body = attrGraph(node, 'body');
      const m = attrInt(node, 'num_scan_inputs');
      const n = node.inputs.length - m;
      const r = matchLstmCell(body, ops, body.inputs.slice(0, n).map((i) => i.name));
      if (r.ok) {
        const k = body.inputs.findIndex((i) => i.name === r.cell.x);
        const xo = k >= n ? node.inputs[k] : undefined;
        const oq = xo ? sourceOf(viewOf(g, ops), xo).quant : undefined;
        const quant = oq ? quantParamsOf(g, oq) : undefined;
        plans.push(planCell(ops, r.cell, [g, ...outer], false, xo ? { value: xo, ...(quant ? { quant } : {}) } : undefined));
      } else ctx.note(`Scan ${node.label}: not an LSTM cell (${r.reason})`);
      visit(body, [g, ...outer]);
    }
  };
  visit(top, []);
  return plans;
}

export default definePass({
  name: 'insert-cell-quantizers',
  description: 'insert FINN-GL-style quantisers (weights, gate accumulators, sigmoid / tanh, cell state, hidden state) into float LSTM cells, scales calibrated',
  stage: 'cell-quant',
  options: { spec: { default: 'w8a6', description: "bit widths: 'w8a6' or 'name=bits;...' (see docs/importing-models.md)" } },
  run(model, ctx, options) {
    const spec = parseCellQuantSpec(String(options.spec));
    const plans = findCells(new OpLookup(ctx.registry, model), ctx);
    if (!plans.length) {
      ctx.note('no LSTM cell found: nothing quantised');
      return { changed: false };
    }
    const wanted = new Set<string>();
    for (const p of plans) for (const s of p.sites) if (typeof s.range === 'object' && 'calibrate' in s.range) for (const v of s.range.calibrate) wanted.add(v);
    if (wanted.size && !ctx.calibrate) throw new Error('cell quantisation needs calibration inputs (no calibrator was given)');
    const ranges = wanted.size ? ctx.calibrate!(model, [...wanted]) : new Map<string, ValueRange>();
    const names = new NameSource(model);
    let inserted = 0;
    for (const plan of plans) {
      const { cell } = plan;
      // weights: one scale per gate over all its float W / U
      for (const gate of LSTM_GATES) {
        const ws = plan.weights.filter((w) => w.gate === gate);
        if (!ws.length) continue;
        const bits = spec[`${GATE_NAME[gate]}_weight` as LstmQuantiserName];
        const tensors = ws.map((w) => floatOf(cell.graph, plan.outer, w.product.weight));
        if (tensors.some((t) => !t)) {
          ctx.note(`gate ${GATE_NAME[gate]}: a weight is not a constant; left float`);
          continue;
        }
        const m = Math.max(...tensors.map((t) => Math.max(...toNumbers(t!).map(Math.abs))));
        const p: QuantParams = { scale: Math.fround((m > 0 ? m : 1) / (2 ** (bits - 1) - 1)), bits, signed: true, narrow: true };
        for (const w of ws) {
          const q = quantiseWeight(cell.graph, names, w.product.matmul, w.product.weightSlot, p, `${GATE_NAME[gate]}_weight`);
          ctx.note(`${GATE_NAME[gate]}_weight: ${q} INT${bits} narrow, scale ${p.scale}`);
          inserted++;
        }
      }
      for (const site of plan.sites) {
        const p = paramsFor(site, spec, ranges);
        const isTopInput = plan.isTopGraph && cell.graph.inputs.some((i) => i.name === site.value);
        quantiseAfter(cell.graph, names, site.value, p, site.role, isTopInput);
        ctx.note(`${site.role}: '${site.value}' ${p.signed ? 'INT' : 'UINT'}${p.bits}, scale ${p.scale}${typeof site.range === 'object' && 'calibrate' in site.range ? ` (max |v| over the calibration inputs)` : ''}`);
        inserted++;
      }
    }
    return { changed: inserted > 0 };
  },
});

function quantiseWeight(graph: Graph, names: NameSource, matmul: Node, slot: 0 | 1, p: QuantParams, role: string): string {
  const w = matmul.inputs[slot]!;
  const c = (base: string, v: number) => {
    const n = names.fresh(`${w}_${base}`);
    graph.initializers.set(n, Tensor.scalar('float32', v));
    return n;
  };
  const out = names.fresh(`${w}_q`);
  graph.nodes.splice(graph.nodes.indexOf(matmul), 0, new Node({
    opType: 'Quant',
    domain: QONNX_DOMAIN,
    name: names.fresh(`${w}_${role}_quant`),
    inputs: [w, c('scale', p.scale), c('zeropt', 0), c('bitwidth', p.bits)],
    outputs: [out],
    attributes: { signed: { type: 'int', value: 1n }, narrow: { type: 'int', value: 1n }, rounding_mode: { type: 'string', value: 'ROUND' } },
  }));
  matmul.inputs[slot] = out;
  return out;
}

/** A float (or partly float) cell: its kind, where it is and which of its quantisers are missing. */
export type FloatCell = FloatCellReport;

/**
 * The cells of a model that lack quantisers integer hardware needs: the LSTM cells (the quantisers
 * insert-cell-quantizers would add), then those any other registered cell-quant pass reports through
 * its `floatCells` hook (a plugin's GRU cells …). Empty when every cell is quantised, or there is none.
 */
export function findFloatCells(model: Model, registry: Registry = createRegistry([coreOps()])): FloatCell[] {
  const notes: string[] = [];
  const plans = findCells(new OpLookup(registry, model), { registry, note: (m) => notes.push(m) });
  const lstm: FloatCell[] = plans
    .map((p) => ({
      kind: 'LSTM',
      where: p.isTopGraph ? `graph '${p.cell.graph.name}'` : `the Scan body '${p.cell.graph.name}'`,
      missing: [...new Set([...p.weights.map((w) => `${GATE_NAME[w.gate]}_weight` as LstmQuantiserName), ...p.sites.map((s) => s.role)])],
    }))
    .filter((c) => c.missing.length > 0);
  const others = registry.list('passes').flatMap((p) => (p.floatCells ? p.floatCells(model, registry) : []));
  return [...lstm, ...others.filter((c) => c.missing.length > 0)];
}
