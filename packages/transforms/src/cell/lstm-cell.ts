import type { Graph, Node, OpLookup } from '@scanflow/ir';
import { type CellGraphView, isQuant, quantisedForm, sourceOf, viewOf } from './value-walk';

/** The LSTM gates by their role (Brevitas / PyTorch naming): input, forget, cell (g), output. */
export const LSTM_GATES = ['i', 'f', 'g', 'o'] as const;
export type LstmGate = (typeof LSTM_GATES)[number];

/** One product W·v feeding a gate's accumulator. */
export interface GateProduct {
  matmul: Node;
  /** Input slot of the weight (0 for FINN-GL's MatMul(W, x), 1 for MatMul(x, W)). */
  weightSlot: 0 | 1;
  /** The value the MatMul reads as its weight (maybe a Quant output). */
  weight: string;
  /** The data value the MatMul reads (maybe a Quant output). */
  data: string;
  /** Which cell input the data is: the layer input x or the previous hidden state h. */
  operand: 'x' | 'h';
}

export interface LstmGateMatch {
  /** Sigmoid (i, f, o) or Tanh (g). */
  activation: Node;
  /** The accumulator W·x + U·h + b before any quantiser (the Add / MatMul output). */
  acc: string;
  /** The quantiser between the accumulator and the activation, if the model has one. */
  accQuant?: Node;
  /** The activation's output before any quantiser. */
  out: string;
  /** The quantiser after the activation, if the model has one. */
  outQuant?: Node;
  products: GateProduct[];
  /** Constant addends of the accumulator (biases). */
  biases: string[];
}

/**
 * An LSTM step recognised in a graph (a Scan body, or a cell written as a graph of its own):
 *
 *   g_k = act_k(Σ W·x + Σ U·h + b)     c' = f ⊙ c + i ⊙ g     h' = o ⊙ tanh(c')
 *
 * with or without quantisers at any of the places Brevitas / FINN-GL put them. Every value is named
 * before its quantiser (`*Quant` is the quantiser when there is one).
 */
export interface LstmCellMatch {
  readonly graph: Graph;
  readonly gates: Record<LstmGate, LstmGateMatch>;
  /** f ⊙ c_{t-1} and i ⊙ g. */
  readonly fc: Node;
  readonly ig: Node;
  readonly fcQuant?: Node;
  readonly igQuant?: Node;
  /** The Add computing c_t, and the quantiser after it if any. */
  readonly cSum: Node;
  readonly cSumQuant?: Node;
  /** tanh(c_t), its quantiser, and o ⊙ tanh(c_t) = h_t with its quantiser. */
  readonly tanhC: Node;
  readonly tanhCQuant?: Node;
  readonly hMul: Node;
  readonly hQuant?: Node;
  /** The sources (inputs of the graph, before quantisers) of x, h_{t-1} and c_{t-1}. */
  readonly x: string;
  readonly hPrev: string;
  readonly cPrev: string;
  /** The final (quantised, when quantised) forms of c_t and h_t. */
  readonly cNext: string;
  readonly hNext: string;
}

const isOp = (n: Node | undefined, opType: string): n is Node => !!n && (n.domain === '' || n.domain === 'ai.onnx') && n.opType === opType;

function singleQuant(v: CellGraphView, value: string): Node | undefined {
  return quantisedForm(v, value).quants[0];
}

/** Leaves of the Add tree computing `value` (through Add nodes only). */
function addLeaves(v: CellGraphView, value: string, out: string[], depth = 0): void {
  const p = v.producer.get(value);
  if (isOp(p, 'Add') && depth < 16) {
    for (const i of p.inputs) addLeaves(v, i!, out, depth + 1);
    return;
  }
  out.push(value);
}

/** Whether `value` (through quantisers) is a constant: an initializer, an outer-scope value, or computed from constants only. */
function isConstantLike(v: CellGraphView, value: string, inputs: Set<string>, depth = 0): boolean {
  if (inputs.has(value)) return false;
  if (v.graph.initializers.has(value)) return true;
  const p = v.producer.get(value);
  if (!p) return true; // an outer-scope value: weights sliced in the enclosing graph
  if (depth > 32) return false;
  return p.inputs.every((i) => !i || isConstantLike(v, i, inputs, depth + 1));
}

export type LstmMatchResult = { ok: true; cell: LstmCellMatch } | { ok: false; reason: string };

/**
 * Recognises the LSTM step in `graph`. `stateInputs`, when given (a Scan body: its state inputs
 * h_{t-1}, c_{t-1}), tells the hidden state from the layer input; in a cell written as a plain graph
 * the hidden state is the MatMul operand whose size is the hidden size (the other being x).
 */
export function matchLstmCell(graph: Graph, ops: OpLookup, stateInputs?: readonly string[]): LstmMatchResult {
  const v = viewOf(graph, ops);
  const inputs = new Set(graph.inputs.filter((i) => !graph.initializers.has(i.name)).map((i) => i.name));
  const act = (value: string) => {
    const s = sourceOf(v, value);
    return s.node && (isOp(s.node, 'Sigmoid') || isOp(s.node, 'Tanh')) ? s.node : undefined;
  };
  // c_t = f ⊙ c + i ⊙ g: an Add of two Muls, each with a sigmoid operand
  for (const cSum of graph.nodes) {
    if (!isOp(cSum, 'Add') || cSum.inputs.length !== 2) continue;
    const muls = cSum.inputs.map((i) => sourceOf(v, i!).node);
    if (!muls.every((m) => isOp(m, 'Mul'))) continue;
    let fc: Node | undefined;
    let ig: Node | undefined;
    let sigF: Node | undefined;
    let sigI: Node | undefined;
    let tanhG: Node | undefined;
    let cPrev: string | undefined;
    for (const m of muls as Node[]) {
      const ops = m.inputs.map((i) => act(i!));
      const sig = ops.findIndex((a) => isOp(a, 'Sigmoid'));
      if (sig < 0) continue;
      const other = ops[1 - sig];
      if (isOp(other, 'Tanh')) {
        ig = m;
        sigI = ops[sig];
        tanhG = other;
      } else if (!other) {
        fc = m;
        sigF = ops[sig];
        cPrev = sourceOf(v, m.inputs[1 - sig]!).value;
      }
    }
    if (!fc || !ig || !sigF || !sigI || !tanhG || !cPrev) continue;
    // tanh(c_t) and h_t = o ⊙ tanh(c_t)
    const tanhC = graph.nodes.find((n) => isOp(n, 'Tanh') && n !== tanhG && sourceOf(v, n.inputs[0]!).node === cSum);
    if (!tanhC) return { ok: false, reason: `the cell state '${cSum.outputs[0]}' has no tanh(c_t) reader` };
    const hMul = graph.nodes.find((n) => isOp(n, 'Mul') && n.inputs.some((i) => act(i!) === tanhC) && n.inputs.some((i) => isOp(act(i!), 'Sigmoid')));
    if (!hMul) return { ok: false, reason: `tanh(c_t) '${tanhC.outputs[0]}' is not multiplied by an output gate` };
    const sigO = hMul.inputs.map((i) => act(i!)).find((a) => isOp(a, 'Sigmoid'))!;
    const roles: [LstmGate, Node][] = [
      ['i', sigI],
      ['f', sigF],
      ['g', tanhG],
      ['o', sigO],
    ];
    const gates = {} as Record<LstmGate, LstmGateMatch>;
    const dataSources = new Set<string>();
    for (const [gate, a] of roles) {
      const pre = sourceOf(v, a.inputs[0]!);
      const accQuant = pre.quant;
      const leaves: string[] = [];
      addLeaves(v, pre.value, leaves);
      const products: GateProduct[] = [];
      const biases: string[] = [];
      for (const leaf of leaves) {
        const p = v.producer.get(leaf);
        if (isOp(p, 'MatMul')) {
          const c0 = isConstantLike(v, p.inputs[0]!, inputs);
          const c1 = isConstantLike(v, p.inputs[1]!, inputs);
          if (c0 === c1) return { ok: false, reason: `gate ${gate}: MatMul '${p.name}' does not read one weight and one data value` };
          const weightSlot = c0 ? 0 : 1;
          const data = p.inputs[1 - weightSlot]!;
          dataSources.add(sourceOf(v, data).value);
          products.push({ matmul: p, weightSlot, weight: p.inputs[weightSlot]!, data, operand: 'x' });
        } else if (isConstantLike(v, leaf, inputs)) {
          biases.push(leaf);
        } else {
          return { ok: false, reason: `gate ${gate}: the accumulator adds '${leaf}', which is neither W·v nor a constant (peepholes are not supported)` };
        }
      }
      if (!products.length) return { ok: false, reason: `gate ${gate}: no matrix product feeds the activation '${a.name}'` };
      const outQ = singleQuant(v, a.outputs[0]!);
      gates[gate] = { activation: a, acc: pre.value, ...(accQuant ? { accQuant } : {}), out: a.outputs[0]!, ...(outQ ? { outQuant: outQ } : {}), products, biases };
    }
    // which data source is h_{t-1}
    const hCandidates = [...dataSources].filter((s) => (stateInputs ? stateInputs.includes(s) : true));
    let hPrev: string | undefined;
    if (stateInputs) {
      hPrev = hCandidates.find((s) => s !== cPrev);
    } else {
      const hidden = elementsOf(graph, hMul.outputs[0]!);
      const sized = [...dataSources].filter((s) => elementsOf(graph, s) === hidden);
      if (dataSources.size === 1) hPrev = undefined;
      else if (sized.length === 1) hPrev = sized[0];
      else return { ok: false, reason: `cannot tell the layer input from the hidden state among ${[...dataSources].map((s) => `'${s}'`).join(', ')} (both have ${hidden} elements)` };
    }
    const others = [...dataSources].filter((s) => s !== hPrev);
    if (others.length !== 1 || !hPrev) return { ok: false, reason: `expected the gates to read one layer input and one hidden state, found ${[...dataSources].map((s) => `'${s}'`).join(', ')}` };
    const x = others[0]!;
    for (const g of Object.values(gates)) for (const p of g.products) p.operand = sourceOf(v, p.data).value === hPrev ? 'h' : 'x';
    const fcQuant = singleQuant(v, fc.outputs[0]!);
    const igQuant = singleQuant(v, ig.outputs[0]!);
    const cSumQuant = singleQuant(v, cSum.outputs[0]!);
    const tanhCQuant = singleQuant(v, tanhC.outputs[0]!);
    const hQuant = singleQuant(v, hMul.outputs[0]!);
    return {
      ok: true,
      cell: {
        graph,
        gates,
        fc,
        ig,
        ...(fcQuant ? { fcQuant } : {}),
        ...(igQuant ? { igQuant } : {}),
        cSum,
        ...(cSumQuant ? { cSumQuant } : {}),
        tanhC,
        ...(tanhCQuant ? { tanhCQuant } : {}),
        hMul,
        ...(hQuant ? { hQuant } : {}),
        x,
        hPrev,
        cPrev,
        cNext: quantisedForm(v, cSum.outputs[0]!).value,
        hNext: quantisedForm(v, hMul.outputs[0]!).value,
      },
    };
  }
  return { ok: false, reason: 'no LSTM cell state update c_t = f ⊙ c + i ⊙ g (an Add of two Muls with sigmoid gates) was found' };
}

function elementsOf(graph: Graph, value: string): number | undefined {
  const t = graph.typeOf(value);
  if (t?.kind !== 'tensor' || !t.shape || !t.shape.every((d) => typeof d === 'number')) return undefined;
  return (t.shape as number[]).reduce((a, b) => a * b, 1);
}

/** Whether a graph has any LSTM-looking structure worth reporting on (a Sigmoid and a Tanh). */
export function looksRecurrent(graph: Graph): boolean {
  return graph.nodes.some((n) => isOp(n, 'Sigmoid')) && graph.nodes.some((n) => isOp(n, 'Tanh'));
}

export { isQuant };
