import { GATES, quantLstm, type QuantLstmQuantisers, randomLstmWeights, Rng } from '@scanflow/builders';
import { describe, expect, it } from 'vitest';
import { checkEquivalence, exactTies, FINN_GL, pair, qonnxStage, sequences, streamlinedStage, summary } from './streamline.test-support';

/**
 * The streamlined LSTM against its QONNX stage, 10,000 input vectors per configuration (2,000
 * sequences of 5 steps, every second one starting from random states on the grid, the others from
 * zero). Outputs must be equal — h bit for bit, c on its grid (see compare) — or, where they differ,
 * the first quantiser that diverges must have had its input at a rounding tie in the reference
 * (|x/s - (k + 1/2)| < 1e-5 steps), the levels one apart. Ties are counted and bounded.
 */

describe('streamlined LSTM ≡ QONNX stage', () => {
  it('FINN-GL cell 10 → 20, W8A6, builder scales: equal (ties of the products resolved as the reference does)', () => {
    const qonnx = qonnxStage(quantLstm({ inputSize: 10, hiddenSize: 20, seqLen: 5, seed: 5, quant: FINN_GL }));
    const result = streamlinedStage(qonnx);
    const c = checkEquivalence(qonnx, result.model, sequences(qonnx, 5, 2000, 5, 10, 20, [-128, 127], [-32, 31]));
    console.info(summary('FINN-GL W8A6', c, 10_000));
    // i·g / s_cell = n_i·n_g · (1/63)(1/31)/(2/31) = n_i·n_g / 126: n_i·n_g = 126k + 63 are exact ties in
    // real arithmetic, which the float32 reference settles by rounding noise. The i⊙g quantiser is
    // built from every factor pair as the reference computes it; only the products whose factor
    // pairs the reference itself rounds differently (6 of them for n_i in [1, 62], n_g in [-31, 31]) can still differ.
    expect(result.records.flatMap((r) => r.notes).join('\n')).toMatch(/6 product\(s\) n_a·n_b are rounding ties/);
    expect(c.divergences.length).toBeLessThanOrEqual(0.005 * c.runs);
  });

  it('FINN-GL cell with power-of-two scales and a bias on the accumulator grid: bit-exact, ties included', () => {
    const rng = new Rng(21);
    const w = randomLstmWeights(10, 20, rng);
    const sw = 2 ** -9;
    const sx = 2 ** -5;
    for (const g of GATES) w.b[g] = w.b[g].map((v) => Math.round(v / (sw * sx)) * sw * sx);
    const quant: QuantLstmQuantisers = {
      weight: { bits: 8, scale: sw },
      input: { bits: 8, scale: sx },
      acc: { bits: 6, scale: 2 ** -3 },
      sigmoid: { bits: 6, scale: 2 ** -6 },
      tanh: { bits: 6, scale: 2 ** -5 },
      cell: { bits: 6, scale: 2 ** -4 },
      hiddenTanh: { bits: 6, scale: 2 ** -5 },
    };
    const qonnx = qonnxStage(quantLstm({ inputSize: 10, hiddenSize: 20, seqLen: 5, weights: [w], quant }));
    const st = streamlinedStage(qonnx).model;
    const inputs = sequences(qonnx, 22, 2000, 5, 10, 20, [-128, 127], [-32, 31]);
    const c = checkEquivalence(qonnx, st, inputs);
    const ties = inputs.slice(0, 100).reduce((n, ins) => n + exactTies(pair(qonnx, st), ins), 0);
    console.info(`${summary('FINN-GL, power-of-two scales', c, 10_000)}; ${ties} exact ties at the reference's quantisers in the first 100 sequences`);
    expect(c.exact).toBe(c.runs);
    // the tie rule is exercised: the reference rounds many exact .5 cases half to even
    expect(ties).toBeGreaterThan(100);
  });
});
