import { attrGraph, type Graph, Node, normalizeDomain, QONNX_DOMAIN, Tensor, toNumbers } from '@scanflow/ir';
import { type CellQuantSpec, definePass, NameSource, parseCellQuantSpec, type ValueRange } from '@scanflow/transforms';
import { type GruCellMatch, type GruGateMatch, matchGruCell } from './gru-cell-match';

/**
 * Cell quantisation for float GRU cells (the `cell-quant` stage, run by `--cell-quant SPEC`): inserts
 * QONNX Quant nodes into every Scan body holding a GRU step as lower-gru writes it, wherever the
 * cell has none. The spec is the core's (Brevitas QuantLSTM names); a GRU reads it by role:
 *
 *   update gate z     forget_weight, forget_acc, forget_sigmoid   (z plays the forget gate's part)
 *   reset gate r      input_weight,  input_acc,  input_sigmoid
 *   candidate h̃      cell_weight,   cell_acc,   cell_tanh
 *   reset product     output       (r ⊙ h, on h's grid: R_h·(r ⊙ h) then adds to W_h·x like R·h does)
 *                     cell_state   (linear_before_reset 1: r ⊙ (R_h·h + Rb_h) and W_h·x, one grid for
 *                                   their sum; R_h·h + Rb_h takes cell_acc)
 *   x, h_t, (1 − z) ⊙ h̃, z ⊙ h   output      (one io quantiser, Brevitas's io_quant)
 *
 * Scales: weights max|W_g ∪ R_g| / (2^(b−1) − 1) per gate (narrow); σ outputs 1 / (2^b − 1); tanh
 * outputs 1 / (2^(b−1) − 1); the rest max|v| / (2^(b−1) − 1) over the calibration inputs.
 */

interface Params {
  scale: number;
  bits: number;
  signed: boolean;
  narrow: boolean;
}

function quantNode(graph: Graph, names: NameSource, input: string, output: string, p: Params, role: string): Node {
  const c = (base: string, v: number): string => {
    const n = names.fresh(`${output}_${base}`);
    graph.initializers.set(n, Tensor.scalar('float32', v));
    return n;
  };
  return new Node({
    opType: 'Quant',
    domain: QONNX_DOMAIN,
    name: names.fresh(`${output}_${role}_quant`),
    inputs: [input, c('scale', p.scale), c('zeropt', 0), c('bitwidth', p.bits)],
    outputs: [output],
    attributes: { signed: { type: 'int', value: BigInt(p.signed ? 1 : 0) }, narrow: { type: 'int', value: BigInt(p.narrow ? 1 : 0) }, rounding_mode: { type: 'string', value: 'ROUND' } },
  });
}

/** Quantises `value` in place: its producer (or the body input) takes a fresh name and a Quant writes `value`. */
function quantiseAfter(graph: Graph, names: NameSource, value: string, p: Params, role: string): void {
  const raw = names.fresh(`${value}_float`);
  const producer = graph.nodes.find((n) => n.outputs.includes(value));
  if (producer) producer.outputs = producer.outputs.map((o) => (o === value ? raw : o));
  else {
    const k = graph.inputs.findIndex((i) => i.name === value);
    graph.inputs[k] = { ...graph.inputs[k]!, name: raw };
  }
  graph.valueInfo.delete(value);
  graph.nodes.splice(producer ? graph.nodes.indexOf(producer) + 1 : 0, 0, quantNode(graph, names, raw, value, p, role));
}

/** Quantises weight input 0 of a MatMul. */
function quantiseWeight(graph: Graph, names: NameSource, matmul: Node, p: Params, role: string): void {
  const q = names.fresh(`${matmul.inputs[0]}_q`);
  graph.nodes.splice(graph.nodes.indexOf(matmul), 0, quantNode(graph, names, matmul.inputs[0]!, q, p, role));
  matmul.inputs[0] = q;
}

const signedOver = (m: number, bits: number): Params => ({ scale: Math.fround((m > 0 ? m : 1) / (2 ** (bits - 1) - 1)), bits, signed: true, narrow: false });

function cellsOf(graph: Graph, out: GruCellMatch[], notes: string[]): void {
  for (const node of graph.nodes) {
    if (node.opType !== 'Scan' || normalizeDomain(node.domain) !== '') continue;
    const body = attrGraph(node, 'body');
    const m = matchGruCell(body);
    if (m.ok) out.push(m.cell);
    else notes.push(`Scan ${node.label}: not a GRU cell (${m.reason})`);
    cellsOf(body, out, notes);
  }
}

function hasQuant(graph: Graph): boolean {
  return graph.nodes.some((n) => n.opType === 'Quant' || n.opType === 'QuantizeLinear');
}

export default definePass({
  name: 'quantize-gru-cells',
  description: 'insert quantisers (weights, gate accumulators, σ / tanh, reset product, io) into float GRU cells, scales calibrated',
  stage: 'cell-quant',
  options: { spec: { default: 'w8a6', description: "bit widths: 'w8a6' or 'name=bits;...' (the core's LSTM names, read by role)" } },
  floatCells(model) {
    const found: GruCellMatch[] = [];
    cellsOf(model.graph, found, []);
    return found
      .filter((c) => !hasQuant(c.graph))
      .map((c) => ({
        kind: 'GRU',
        where: `the Scan body '${c.graph.name}'`,
        missing: ['forget_weight', 'input_weight', 'cell_weight', 'forget_acc', 'input_acc', 'cell_acc', 'forget_sigmoid', 'input_sigmoid', 'cell_tanh', 'output', ...(c.linearBeforeReset ? ['cell_state'] : [])],
      }));
  },
  run(model, ctx, options) {
    const spec: CellQuantSpec = parseCellQuantSpec(String(options.spec));
    const notes: string[] = [];
    const found: GruCellMatch[] = [];
    cellsOf(model.graph, found, notes);
    const cells = found.filter((c) => !hasQuant(c.graph));
    if (!cells.length) {
      ctx.note(found.length ? 'every GRU cell has quantisers already' : 'no float GRU cell found');
      return { changed: false };
    }
    if (!ctx.calibrate) throw new Error('GRU cell quantisation needs calibration inputs (no calibrator was given)');
    const io = (c: GruCellMatch) => [c.x, c.hNext, c.keep, c.take];
    const products = (c: GruCellMatch) => [c.resetProduct, ...(c.candidateInput ? [c.candidateInput] : [])];
    const wanted = cells.flatMap((c) => [...io(c), ...products(c), c.z.acc, c.r.acc, c.c.acc, ...(c.recurrentAcc ? [c.recurrentAcc] : [])]);
    const ranges = ctx.calibrate(model, wanted);
    const maxOver = (values: string[]): number => Math.max(...values.map((v) => ranges.get(v)).map((r: ValueRange | undefined) => (r ? Math.max(Math.abs(r.min), Math.abs(r.max)) : 0)));
    const names = new NameSource(model);
    const gates: [GruGateMatch, 'forget' | 'input' | 'cell'][] = [];
    for (const c of cells) {
      const g = c.graph;
      gates.length = 0;
      gates.push([c.z, 'forget'], [c.r, 'input'], [c.c, 'cell']);
      for (const [gate, role] of gates) {
        const bits = spec[`${role}_weight`];
        const ws = gate.products.map((p) => g.initializers.get(p.weight));
        if (ws.some((w) => !w)) throw new Error(`GRU cell in '${g.name}': a weight of the ${role} role is not a constant of the body`);
        const m = Math.max(...ws.flatMap((w) => toNumbers(w!).map(Math.abs)));
        const p: Params = { scale: Math.fround((m > 0 ? m : 1) / (2 ** (bits - 1) - 1)), bits, signed: true, narrow: true };
        for (const prod of gate.products) quantiseWeight(g, names, prod.matmul, p, `${role}_weight`);
        quantiseAfter(g, names, gate.acc, signedOver(maxOver([gate.acc]), spec[`${role}_acc`]), `${role}_acc`);
      }
      const sig = (bits: number): Params => ({ scale: Math.fround(1 / (2 ** bits - 1)), bits, signed: false, narrow: false });
      quantiseAfter(g, names, c.z.out, sig(spec.forget_sigmoid), 'forget_sigmoid');
      quantiseAfter(g, names, c.r.out, sig(spec.input_sigmoid), 'input_sigmoid');
      quantiseAfter(g, names, c.c.out, { scale: Math.fround(1 / (2 ** (spec.cell_tanh - 1) - 1)), bits: spec.cell_tanh, signed: true, narrow: false }, 'cell_tanh');
      const ioParams = signedOver(maxOver(io(c)), spec.output);
      if (c.linearBeforeReset) {
        // r ⊙ (R_h·h + Rb_h) and W_h·x: one grid, so that their sum stays integer
        const rp = signedOver(maxOver(products(c)), spec.cell_state);
        for (const v of products(c)) quantiseAfter(g, names, v, rp, 'cell_state');
        quantiseAfter(g, names, c.recurrentAcc!, signedOver(maxOver([c.recurrentAcc!]), spec.cell_acc), 'cell_acc');
      } else {
        // r ⊙ h feeds R_h like h feeds R_z, R_r: on h's grid, so that W_h·x + R_h·(r ⊙ h) adds like scales
        quantiseAfter(g, names, c.resetProduct, ioParams, 'output');
      }
      for (const v of io(c)) quantiseAfter(g, names, v, ioParams, 'output');
      ctx.note(`GRU cell in '${g.name}' (linear_before_reset ${c.linearBeforeReset ? 1 : 0}): quantisers inserted — weights INT${spec.forget_weight}/${spec.input_weight}/${spec.cell_weight}, io INT${spec.output} scale ${ioParams.scale}`);
    }
    for (const n of notes) ctx.note(n);
    return { changed: true };
  },
});
