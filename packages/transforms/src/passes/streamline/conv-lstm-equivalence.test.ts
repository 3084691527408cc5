import { quantConvLstm, Rng } from '@scanflow/builders';
import { forEachGraph, type Graph, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { compare, opCounts, pair, qonnxStage, scanBody, streamlinedStage, summary } from './streamline.test-support';

/**
 * The ConvLSTM builder model (conv front-end, LSTM in Scan, linear head), 1,000 windows of 10 events
 * × 8 features = 10,000 input vectors per configuration: the streamlined logits equal the QONNX
 * stage's, or differ only after a rounding tie in the reference (counted and bounded).
 */
const configs: [string, Parameters<typeof quantConvLstm>[0]][] = [
  ['8-bit front-end, FINN-GL cell', { quant: { lstm: { weight: 8, input: 8, acc: 6, sigmoid: 6, tanh: 6, cell: 6, hiddenTanh: 6 } } }],
  ['mixed: 4-bit weights, 5-bit activations, 3..7-bit cell', { quant: { weight: 4, activation: 5, input: 6, output: 5, lstm: { weight: 3, input: 7, acc: 5, sigmoid: 4, tanh: 5, cell: 3, hiddenTanh: 4 } } }],
];

function floatMulsInside(g: Graph): number {
  return g.nodes.filter((n) => n.opType === 'Mul' && n.inputs.some((i) => g.initializers.has(i))).length;
}

describe('streamlined ConvLSTM ≡ QONNX stage', () => {
  it.each(configs)('%s', (name, options) => {
    const model = quantConvLstm({ window: 10, features: 8, channels: [4, 4, 6], hiddenSize: 8, seed: 4, ...options });
    const qonnx = qonnxStage(model);
    const st = streamlinedStage(qonnx).model;
    // integer front-end and head: Conv and MatMul read integer weights, no Quant left, the only
    // float Mul is the logits' scale at the output edge
    const all = opCounts(st.graph, true);
    expect(all.Quant).toBeUndefined();
    expect(all.Relu).toBeUndefined();
    expect(floatMulsInside(st.graph)).toBe(1);
    const body = scanBody(st.graph);
    expect(Object.keys(opCounts(body)).sort()).toEqual(['Add', 'MatMul', 'Mul', 'MultiThreshold']);
    expect(floatMulsInside(body)).toBe(0);
    forEachGraph(st.graph, (g) => {
      for (const n of g.nodes.filter((x) => x.opType === 'Conv' || x.opType === 'MatMul')) expect(g.getDataType(n.inputs[n.opType === 'Conv' ? 1 : 0])?.isInteger).toBe(true);
    });
    const rng = new Rng(name.length);
    const inputs = Array.from({ length: 1000 }, () => [new Tensor('float32', [1, 1, 10, 8], rng.floats(80, -4, 4))]);
    const c = compare(pair(qonnx, st), inputs);
    console.info(summary(name, c, 10_000));
    expect(c.unexplained).toBe(0);
    for (const d of c.divergences) expect(d.tieDistance).toBeLessThan(1e-5);
    expect(c.divergences.length).toBeLessThanOrEqual(0.05 * c.runs);
  });
});
