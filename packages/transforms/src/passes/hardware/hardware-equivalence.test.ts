import { quantConvLstm, quantLstm, type QuantLstmQuantisers, Rng } from '@scanflow/builders';
import { attrGraph, forEachGraph, type Graph, HW_DOMAIN, type Model, type Node, Tensor, toNumbers } from '@scanflow/ir';
import { Simulator } from '@scanflow/sim';
import { describe, expect, it } from 'vitest';
import { qonnxStage, registry, run, STAGE_PIPELINES, streamlinedStage } from '../streamline/streamline.test-support';

/**
 * The hardware stage must equal the streamlined stage bit for bit (both simulated, every output,
 * every element), on random inputs, for the LSTM (FINN-GL W8A6 and mixed precision) and the
 * ConvLSTM builder models, and must leave only hardware layers in the accelerator.
 */
function hardwareStage(streamlined: Model): Model {
  return run(streamlined, STAGE_PIPELINES.hardware!).model;
}

function ops(g: Graph): string[] {
  return g.nodes.map((n) => n.opType);
}

function recurrence(g: Graph): Node {
  const r = g.nodes.find((n) => n.domain === HW_DOMAIN && n.opType === 'Recurrence');
  expect(r, 'a Recurrence layer').toBeDefined();
  return r!;
}

function expectBitExact(a: Model, b: Model, inputs: Tensor[][]): void {
  const sa = new Simulator(a, { registry, checkDataTypes: true });
  const sb = new Simulator(b, { registry, checkDataTypes: true });
  for (const x of inputs) {
    const ya = sa.run(x).outputs;
    const yb = sb.run(x).outputs;
    expect(yb.length).toBe(ya.length);
    ya.forEach((t, k) => expect(toNumbers(yb[k])).toEqual(toNumbers(t)));
  }
}

const lstmConfigs: [string, QuantLstmQuantisers][] = [
  ['FINN-GL W8A6', { weight: 8, input: 8, hidden: 8, acc: 6, sigmoid: 6, tanh: 6, cell: 6, hiddenTanh: 6 }],
  ['mixed 2..6 bit', { weight: 4, input: 6, hidden: 6, acc: 4, sigmoid: 3, tanh: 2, cell: 5, hiddenTanh: 4 }],
];

describe('hardware stage ≡ streamlined stage', () => {
  it.each(lstmConfigs)('LSTM 10 → 20, %s: bit-exact, W·x hoisted, body only hardware layers', (_name, quant) => {
    const T = 12;
    const model = quantLstm({ inputSize: 10, hiddenSize: 20, seqLen: T, seed: 11, quant });
    const st = streamlinedStage(qonnxStage(model)).model;
    const hw = hardwareStage(st);
    const rec = recurrence(hw.graph);
    const body = attrGraph(rec, 'body');
    // only U·h stays in the loop: 4 MVAUs of 20 × 20; the 4 W·x MVAUs (20 × 10) run on the sequence
    const bodyMvaus = body.nodes.filter((n) => n.opType === 'MVAU');
    expect(bodyMvaus.map((n) => n.attributes.get('mw')?.value)).toEqual([20n, 20n, 20n, 20n]);
    const topMvaus = hw.graph.nodes.filter((n) => n.opType === 'MVAU');
    expect(topMvaus.map((n) => n.attributes.get('mw')?.value)).toEqual([10n, 10n, 10n, 10n]);
    expect(new Set(ops(body))).toEqual(new Set(['Reshape', 'MVAU', 'ElementwiseAdd', 'ElementwiseMul', 'Thresholding', 'DuplicateStreams']));
    // every value read twice in the body goes through a DuplicateStreams
    forEachGraph(body, (g) => {
      const reads = new Map<string, number>();
      for (const n of g.nodes) for (const i of n.inputs) if (i && !g.initializers.has(i)) reads.set(i, (reads.get(i) ?? 0) + 1);
      for (const o of g.outputs) reads.set(o.name, (reads.get(o.name) ?? 0) + 1);
      for (const [v, c] of reads) expect(c, `reads of ${v}`).toBe(1);
    });
    const rng = new Rng(5);
    const inputs = Array.from({ length: 40 }, () => [
      new Tensor('float32', [T, 10, 1], rng.floats(T * 10, -3, 3)),
      new Tensor('float32', [20, 1], rng.floats(20, -1, 1)),
      new Tensor('float32', [20, 1], rng.floats(20, -1, 1)),
    ]);
    expectBitExact(st, hw, inputs);
  });

  it('ConvLSTM: bit-exact; conv front-end and head are MVAUs outside the loop', () => {
    const model = quantConvLstm({ window: 10, features: 8, channels: [4, 4, 6], hiddenSize: 8, seed: 4 });
    const st = streamlinedStage(qonnxStage(model)).model;
    const hw = hardwareStage(st);
    recurrence(hw.graph);
    const top = ops(hw.graph);
    expect(top.filter((o) => o === 'MVAU').length).toBe(3 + 4 + 1); // 3 convs, 4 hoisted W·x, the head
    expect(top.filter((o) => o === 'Conv' || o === 'MatMul' || o === 'Transpose')).toEqual([]);
    const rng = new Rng(9);
    const inputs = Array.from({ length: 40 }, () => [new Tensor('float32', [1, 1, 10, 8], rng.floats(80, -4, 4))]);
    expectBitExact(st, hw, inputs);
  });
});
