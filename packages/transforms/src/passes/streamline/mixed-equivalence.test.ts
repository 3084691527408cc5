import { type QuantInput, quantLstm, type QuantLstmQuantisers } from '@scanflow/builders';
import { describe, expect, it } from 'vitest';
import { checkEquivalence, opCounts, qonnxStage, scanBody, sequences, streamlinedStage, summary } from './streamline.test-support';

/**
 * Builder LSTMs (4 → 6) across bit widths — activations 2..8, weights 2..8, mixed per quantiser and
 * per gate — with the builder's scales: 10,000 input vectors each (see lstm-equivalence.test.ts for
 * the criterion). A hidden quantiser other than the input's gives W·x and U·h different scales: their
 * sum stays a float Add (a note says so) and the body keeps those scale Muls, still equal. Where
 * the designed scales make a product quantiser's decision an exact tie in real arithmetic (e.g.
 * o·tanh(c) with 8-bit sigmoid and tanh: n_o·n_t·(1/255)(1/127)/(4/127) = n_o·n_t / 1020), the
 * float32 reference settles it by rounding noise, differently for different factor pairs of the
 * same product; those runs are counted and bounded (at most 10 % of the sequences; 0 for the
 * configurations without such ties).
 */
const P2 = (e: number) => 2 ** e;
const configs: [string, QuantLstmQuantisers, { integerBody: boolean; maxTies: number }][] = [
  ['all 2-bit', { weight: 2, input: 2, acc: 2, sigmoid: 2, tanh: 2, cell: 2, hiddenTanh: 2 }, { integerBody: true, maxTies: 0 }],
  ['W4, activations 3..5', { weight: 4, input: 3, acc: 5, sigmoid: 4, tanh: 3, cell: 4, hiddenTanh: 5 }, { integerBody: true, maxTies: 200 }],
  ['W7A8', { weight: 7, input: 8, acc: 8, sigmoid: 8, tanh: 8, cell: 8, hiddenTanh: 8 }, { integerBody: true, maxTies: 200 }],
  [
    'mixed per gate',
    { weight: 5, input: 6, acc: 7, sigmoid: 3, tanh: 6, cell: 5, hiddenTanh: 4, perGate: { f: { weight: 3, acc: 4, activation: 7 }, c: { weight: 8, acc: 6, activation: 2 }, o: { activation: 5 } } },
    { integerBody: true, maxTies: 200 },
  ],
  ['hidden 5 bits, input 4 bits', { weight: 6, input: 4, hidden: 5, acc: 6, sigmoid: 6, tanh: 6, cell: 6, hiddenTanh: 6 }, { integerBody: false, maxTies: 200 }],
  [
    'mixed, power-of-two scales',
    {
      weight: { bits: 3, scale: P2(-2) },
      input: { bits: 7, scale: P2(-4) },
      acc: { bits: 5, scale: P2(-2) },
      sigmoid: { bits: 7, scale: P2(-7) },
      tanh: { bits: 4, scale: P2(-3) },
      cell: { bits: 3, scale: P2(-1) },
      hiddenTanh: { bits: 8, scale: P2(-7) },
      perGate: { i: { weight: { bits: 6, scale: P2(-6) }, acc: { bits: 8, scale: P2(-5) } } },
    },
    { integerBody: true, maxTies: 0 },
  ],
];

describe('streamlined LSTM ≡ QONNX stage, mixed bit widths', () => {
  it.each(configs)('%s', (name, quant, expectation) => {
    const qonnx = qonnxStage(quantLstm({ inputSize: 4, hiddenSize: 6, seqLen: 5, seed: name.length * 7, quant }));
    const result = streamlinedStage(qonnx);
    const body = scanBody(result.model.graph);
    const ops = opCounts(body);
    expect(Object.keys(ops).sort()).toEqual(['Add', 'MatMul', 'Mul', 'MultiThreshold']);
    expect(ops.Mul).toBe(expectation.integerBody ? 3 : 11);
    if (!expectation.integerBody) expect(result.records.flatMap((r) => r.notes).join()).toMatch(/different scales/);
    const range = (q: QuantInput | undefined): [number, number] => {
      const b = typeof q === 'number' ? q : q?.bits ?? 8;
      return [-(2 ** (b - 1)), 2 ** (b - 1) - 1];
    };
    const inputs = sequences(qonnx, name.length, 2000, 5, 4, 6, range(quant.hidden ?? quant.input), range(quant.cell));
    const c = checkEquivalence(qonnx, result.model, inputs);
    console.info(summary(name, c, 10_000));
    expect(c.divergences.length).toBeLessThanOrEqual(expectation.maxTies);
  });
});
