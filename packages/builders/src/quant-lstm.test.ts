import { attrGraph, attrInt } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { quantLstm } from './quant-lstm';

function opCounts(nodes: { opType: string }[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const n of nodes) c[n.opType] = (c[n.opType] ?? 0) + 1;
  return c;
}

describe('quantLstm', () => {
  it('10 → 20 with 8-bit defaults has the FINN-GL Scan body (reference §3.1: 78 nodes)', () => {
    const m = quantLstm({ inputSize: 10, hiddenSize: 20, seed: 3 });
    // outside the body: the initial states h0, c0 quantised like the states the cell produces
    expect(m.graph.nodes.map((n) => n.opType)).toEqual(['QuantizeLinear', 'DequantizeLinear', 'QuantizeLinear', 'DequantizeLinear', 'Scan']);
    expect(quantLstm({ inputSize: 10, hiddenSize: 20, quantizeInitialState: false }).graph.nodes.map((n) => n.opType)).toEqual(['Scan']);
    const scan = m.graph.nodes[4];
    expect(attrInt(scan, 'num_scan_inputs')).toBe(1);
    const body = attrGraph(scan, 'body');
    // Counts from the FINN-GL author's lstm_scan_node_model_14.onnx as tabulated in the reference notes.
    expect(opCounts(body.nodes)).toEqual({
      QuantizeLinear: 22,
      DequantizeLinear: 22,
      Clip: 8,
      MatMul: 8,
      Add: 9,
      Mul: 3,
      Sigmoid: 3,
      Tanh: 2,
      Identity: 1,
    });
    expect(body.nodes).toHaveLength(78);
    expect(body.inputs.map((i) => i.name)).toEqual(['h_t-1', 'c_t-1', 'inp']);
    expect(body.outputs.map((o) => o.name)).toEqual(['h_t', 'c_t', 'h_t_concat']);
    expect(m.graph.inputs.map((i) => i.name)).toEqual(['X', 'h0', 'c0']);
    expect(m.opsetImports.get('')).toBe(14);
  });

  it('adds a Clip for every quantiser narrower than 8 bits (W8A6: acc, activations, cell at 6 bits)', () => {
    const m = quantLstm({ inputSize: 10, hiddenSize: 20, quant: { weight: 8, acc: 6, sigmoid: 6, tanh: 6, cell: 6, hiddenTanh: 6, hidden: 8, input: 8 } });
    const body = attrGraph(m.graph.nodes.find((n) => n.opType === 'Scan')!, 'body');
    // 8 weight clips + 4 acc + 4 activations + fc, ig, c_out (cell) + tanh_c = 8 + 4 + 4 + 3 + 1
    expect(opCounts(body.nodes).Clip).toBe(20);
  });

  it('stacks layers, each reading the previous hidden sequence', () => {
    const m = quantLstm({ inputSize: 4, hiddenSize: 6, layers: 2, seqLen: 5 });
    expect(m.graph.nodes.filter((n) => n.opType === 'Scan').map((n) => n.inputs[2])).toEqual(['X', 'h_seq_0']);
    expect(m.graph.outputs.map((o) => o.name)).toEqual(['h_final_0', 'c_final_0', 'h_final_1', 'c_final_1', 'h_seq_1']);
  });

  it('refuses QCDQ quantisers wider than 8 bits', () => {
    expect(() => quantLstm({ inputSize: 2, hiddenSize: 2, quant: { acc: 12 } })).toThrow(/at most 8 bits/);
  });
});
