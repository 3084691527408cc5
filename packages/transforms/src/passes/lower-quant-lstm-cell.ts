import { attr, attrInt, attrString, forEachGraph, Graph, type Model, narrowAttributeOf, Node, normalizeDomain, QONNX_DOMAIN, QUANT_LSTM_CELL_INPUTS as IN, QUANT_LSTM_CELL_QUANTISERS, type QuantLstmCellQuantiser, tensorType } from '@scanflow/ir';
import { NameSource } from '../graph/names';
import { Emitter } from '../lowering/emitter';

import { definePass } from '../pass';

/**
 * Brevitas's QuantLSTMCell (a fully quantised LSTM layer, one node per layer and direction) → one
 * Scan whose body is the cell in FINN-GL's form with a QONNX Quant node for each of the eleven
 * quantisers, so the cell goes through every stage like any QCDQ / QONNX LSTM:
 *
 *   body inputs h [H, N], c [H, N], x_t [I, N] (columns; the batch along the columns)
 *   acc_g = Quant_g_acc((MatMul(W_g, x_t) + MatMul(U_g, h)) + b_g)         g = i, f, c(g), o
 *   i, f, o = Quant_sigmoid(Sigmoid(acc)),  g = Quant_cell_tanh(Tanh(acc))  (cifg: f = Quant_i_sig(1) − i)
 *   c_t = Quant_cs(Quant_cs(f ⊙ c) + Quant_cs(i ⊙ g)),  h_t = Quant_out(o ⊙ Quant_hst(Tanh(c_t)))
 *
 * exactly the arithmetic of the QuantLSTMCell kernel (../shared/conformance/brevitas/QUANTLSTMCELL.md).
 * Around the Scan: x [T, N, I] ([N, T, I] batch-first) is transposed to [T, I, N], h0 / c0 [N, H] to
 * [H, N]; y, h_T and c_T are transposed back. reverse_input runs the Scan backwards with y kept in
 * input time order. Weights, biases and quantiser parameters stay outer values the body reads.
 */

const GATES = ['input', 'forget', 'cell', 'output'] as const;

function lower(model: Model, graph: Graph, node: Node, names: NameSource): void {
  const batchFirst = attrInt(node, 'batch_first', 0) === 1;
  const reverse = attrInt(node, 'reverse_input', 0) === 1;
  const cifg = attrInt(node, 'cifg', 0) === 1;
  const base = (node.name || 'quant_lstm_cell').replace(/[^A-Za-z0-9_]/g, '_');
  const opset = model.opsetVersion('');
  const outerNodes: Node[] = [];
  const outer = new Emitter({ graph, nodes: outerNodes, prefix: `${base}_` }, names, opset, 'float32');
  const body = new Graph({ name: names.fresh(`${base}_body`) });
  const bodyNodes: Node[] = [];
  const e = new Emitter({ graph: body, nodes: bodyNodes, prefix: '' }, names, opset, 'float32');
  const input = (k: number) => node.inputs[k]!;

  const quant = (v: string, q: QuantLstmCellQuantiser, out: string): string => {
    const k = QUANT_LSTM_CELL_QUANTISERS.indexOf(q);
    const o = e.fresh(out);
    const at = IN.quantisers + 3 * k;
    bodyNodes.push(
      new Node({
        opType: 'Quant',
        domain: QONNX_DOMAIN,
        name: names.fresh(`${o}_${q}_quant`),
        inputs: [v, input(at), input(at + 1), input(at + 2)],
        outputs: [o],
        attributes: {
          signed: attr.int(attrInt(node, `${q}_signed`, q.endsWith('sigmoid') ? 0 : 1)),
          narrow: attr.int(attrInt(node, narrowAttributeOf(q), 0)),
          rounding_mode: attr.string(attrString(node, `${q}_rounding_mode`, 'ROUND')),
        },
      }),
    );
    return o;
  };

  const h = names.fresh(`${base}_h_prev`);
  const c = names.fresh(`${base}_c_prev`);
  const x = names.fresh(`${base}_x_t`);
  const biasCol = (g: number): string => outer.unsqueeze(input(IN.biases + g), [1], `b_${GATES[g]}_col`);
  const acc = (g: number): string => {
    const wx = e.op('MatMul', [input(IN.inputWeights + g), x], {}, `Wx_${GATES[g]}`);
    const wh = e.op('MatMul', [input(IN.hiddenWeights + g), h], {}, `Uh_${GATES[g]}`);
    const s = e.op('Add', [wx, wh], {}, `sum_${GATES[g]}`);
    return quant(e.op('Add', [s, biasCol(g)], {}, `pre_${GATES[g]}`), `${GATES[g]}_acc` as QuantLstmCellQuantiser, `acc_${GATES[g]}`);
  };
  const i = quant(e.op('Sigmoid', [acc(0)], {}, 'sig_i'), 'input_sigmoid', 'i');
  let f: string;
  if (cifg) {
    const one = quant(e.float(1), 'input_sigmoid', 'one');
    f = e.op('Sub', [one, i], {}, 'f');
  } else f = quant(e.op('Sigmoid', [acc(1)], {}, 'sig_f'), 'forget_sigmoid', 'f');
  const g = quant(e.op('Tanh', [acc(2)], {}, 'tanh_g'), 'cell_tanh', 'g');
  const o = quant(e.op('Sigmoid', [acc(3)], {}, 'sig_o'), 'output_sigmoid', 'o');
  const fc = quant(e.op('Mul', [f, c], {}, 'f_c'), 'cell_state', 'fc');
  const ig = quant(e.op('Mul', [i, g], {}, 'i_g'), 'cell_state', 'ig');
  const ct = quant(e.op('Add', [fc, ig], {}, 'c_sum'), 'cell_state', 'c_t');
  const th = quant(e.op('Tanh', [ct], {}, 'tanh_c'), 'hidden_state_tanh', 'tanh_c_q');
  const ht = quant(e.op('Mul', [o, th], {}, 'o_tanh_c'), 'output', 'h_t');
  const yt = e.op('Identity', [ht], {}, 'h_t_concat');
  body.nodes = bodyNodes;
  // declared body shapes (columns): h, c [H, N], x_t [I, N], from the operands' shapes when known
  const dims = (v: string) => {
    const t = graph.typeOf(v);
    return t?.kind === 'tensor' ? t.shape : undefined;
  };
  const H = dims(input(IN.hiddenWeights))?.[0] ?? null;
  const xs = dims(input(IN.x));
  const I = xs?.[2] ?? null;
  const N = xs ? xs[batchFirst ? 0 : 1] ?? null : null;
  body.inputs = [
    { name: h, type: tensorType('float32', [H, N]) },
    { name: c, type: tensorType('float32', [H, N]) },
    { name: x, type: tensorType('float32', [I, N]) },
  ];
  body.outputs = [ht, ct, yt].map((n) => ({ name: n, type: tensorType('float32', [H, N]) }));

  // around the Scan
  const xT = outer.transpose(input(IN.x), batchFirst ? [1, 2, 0] : [0, 2, 1], 'x_cols');
  const h0 = outer.transpose(input(IN.h0), [1, 0], 'h0');
  const c0 = outer.transpose(input(IN.c0), [1, 0], 'c0');
  const [y, hT, cT] = node.outputs;
  const hFinal = names.fresh(`${base}_h_final`);
  const cFinal = names.fresh(`${base}_c_final`);
  const yCols = names.fresh(`${base}_y_cols`);
  outer.emit('Scan', [h0, c0, xT], {
    body: { type: 'graph', value: body },
    num_scan_inputs: attr.int(1),
    ...(reverse ? { scan_input_directions: attr.ints([1]), scan_output_directions: attr.ints([1]) } : {}),
  }, [hFinal, cFinal, yCols]);
  if (y) outer.transpose(yCols, batchFirst ? [2, 0, 1] : [0, 2, 1], y, true);
  if (hT) outer.transpose(hFinal, [1, 0], hT, true);
  if (cT) outer.transpose(cFinal, [1, 0], cT, true);
  graph.nodes.splice(graph.nodes.indexOf(node), 1, ...outerNodes);
}

export default definePass({
  name: 'lower-quant-lstm-cell',
  description: "Brevitas's QuantLSTMCell (a quantised LSTM layer) → a Scan whose body is the cell with one Quant per quantiser",
  stage: 'import',
  placement: { stage: 'import', after: ['cleanup'] },
  run(model, ctx) {
    const found: [Graph, Node][] = [];
    forEachGraph(model.graph, (g) => {
      for (const n of g.nodes) if (normalizeDomain(n.domain) === QONNX_DOMAIN && n.opType === 'QuantLSTMCell') found.push([g, n]);
    });
    if (!found.length) return { changed: false };
    if (model.opsetVersion('') < 9) {
      for (const k of [...model.opsetImports.keys()]) if (normalizeDomain(k) === '') model.opsetImports.set(k, 13);
      ctx.note('raised the ONNX opset to 13 for Scan');
    }
    const names = new NameSource(model);
    for (const [g, n] of found) {
      lower(model, g, n, names);
      ctx.note(`lowered QuantLSTMCell ${n.label} to a Scan (${attrInt(n, 'reverse_input', 0) ? 'reverse' : 'forward'}${attrInt(n, 'cifg', 0) ? ', cifg' : ''})`);
    }
    return { changed: true };
  },
});
