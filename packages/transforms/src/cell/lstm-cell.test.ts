import { attrGraph, coreOps, createRegistry, type Graph, type Model, OpLookup } from '@scanflow/ir';
import { loadModel } from '@scanflow/onnx-io';
import { quantLstm } from '@scanflow/builders';
import { coreKernels, createConstantEvaluator } from '@scanflow/sim';
import { describe, expect, it } from 'vitest';
import { corePasses } from '../builtin-passes';
import { runStages } from '../stages';
import { matchLstmCell } from './lstm-cell';

const FINN_GL = '../shared/conformance/finn-gl';
const BREVITAS = '../shared/conformance/brevitas';
const registry = createRegistry([coreOps(), coreKernels(), corePasses()]);

/** The model after the import and qonnx stages (quantisers are Quant nodes, LSTM ops are Scans). */
function qonnxStage(model: Model): Model {
  const snaps = runStages(model, { registry, checkStructure: true, evaluate: createConstantEvaluator(registry), upTo: 'qonnx' });
  return snaps[snaps.length - 1]!.model;
}

function scanBody(model: Model): { body: Graph; states: string[] } {
  const scan = model.graph.nodes.find((n) => n.opType === 'Scan')!;
  const body = attrGraph(scan, 'body');
  const m = Number(scan.attributes.get('num_scan_inputs')!.value);
  return { body, states: body.inputs.slice(0, body.inputs.length - m).map((i) => i.name) };
}

describe('matchLstmCell', () => {
  it("FINN-GL's Scan LSTM: every gate by its role, every quantiser but the one after c_t (the author's cell adds two INT8 values)", () => {
    const m = qonnxStage(loadModel(`${FINN_GL}/lstm_scan_node_model_without_clip.onnx`));
    const { body, states } = scanBody(m);
    const r = matchLstmCell(body, new OpLookup(registry, m), states);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = r.cell;
    // the author's node names say which gate is which (sig_f_e1: forget, sig_i_e2: input, tanh_c_e4: cell, sig_o_e3: output)
    expect(c.gates.f.activation.name).toBe('sig_f_e1');
    expect(c.gates.i.activation.name).toBe('sig_i_e2');
    expect(c.gates.g.activation.name).toBe('tanh_c_e4');
    expect(c.gates.o.activation.name).toBe('sig_o_e3');
    expect(c.tanhC.name).toBe('tanh_node_e6');
    for (const g of Object.values(c.gates)) {
      expect(g.accQuant).toBeDefined();
      expect(g.outQuant).toBeDefined();
      expect(g.products.map((p) => p.operand).sort()).toEqual(['h', 'x']);
      expect(g.biases).toHaveLength(1);
    }
    expect(c.fcQuant && c.igQuant && c.tanhCQuant && c.hQuant).toBeTruthy();
    expect(c.cSumQuant).toBeUndefined();
    expect([c.hPrev, c.cPrev]).toEqual(states);
    expect(c.x).toBe(body.inputs[2]!.name);
  });

  it('a Brevitas QCDQ export (standard LSTM op, float cell) lowered to Scan: the structure with no cell quantiser', () => {
    const m = qonnxStage(loadModel(`${BREVITAS}/brevitas_qlstm_10x20_w8a6.onnx`));
    const { body, states } = scanBody(m);
    const r = matchLstmCell(body, new OpLookup(registry, m), states);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    for (const g of Object.values(r.cell.gates)) {
      expect(g.accQuant).toBeUndefined();
      expect(g.outQuant).toBeUndefined();
      expect(g.products).toHaveLength(2);
    }
    expect(r.cell.hQuant).toBeUndefined();
    expect(r.cell.hPrev).toBe(states[0]);
  });

  it('a cell written as a graph of its own: h_{t-1} is the MatMul operand of hidden size', () => {
    const m = qonnxStage(loadModel(`${FINN_GL}/quantize-lstm-no-bias-no-weight-graph.onnx`));
    const r = matchLstmCell(m.graph, new OpLookup(registry, m));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.cell.hPrev).toBe(m.graph.inputs[0]!.name);
    expect(r.cell.cPrev).toBe(m.graph.inputs[1]!.name);
    expect(r.cell.x).toBe(m.graph.inputs[2]!.name);
  });

  it("the builder's FINN-GL cell (W8A6)", () => {
    const m = qonnxStage(quantLstm({ inputSize: 6, hiddenSize: 4, seqLen: 3, seed: 2 }));
    const { body, states } = scanBody(m);
    const r = matchLstmCell(body, new OpLookup(registry, m), states);
    expect(r.ok).toBe(true);
  });

  it('says why a graph is not an LSTM', () => {
    const m = qonnxStage(loadModel(`${FINN_GL}/lstm-gate-sigmoid.onnx`));
    const r = matchLstmCell(m.graph, new OpLookup(registry, m));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/no LSTM cell state update/);
  });
});
