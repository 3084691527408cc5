import { quantLstm, Rng } from '@scanflow/builders';
import { Tensor } from '@scanflow/ir';
import { encodeModel } from '@scanflow/onnx-io';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { Simulator } from '../src/index';

/**
 * Differential test against onnxruntime: QCDQ LSTM cells inside Scan, built like FINN-GL's
 * (QuantizeLinear / Clip / DequantizeLinear around every quantiser), random sizes, bit widths,
 * seeds, directions and stacking. Outputs must agree within rtol 1e-3 / atol 1e-5 — and since
 * every value is re-quantised, almost all elements agree exactly; a float32 rounding difference in
 * an accumulator can move a value across a quantisation step, which the tolerance on a few
 * elements allows.
 */
async function runOrt(bytes: Uint8Array, names: readonly string[], inputs: Tensor[]): Promise<Float32Array[]> {
  const session = await ort.InferenceSession.create(bytes);
  const feeds: Record<string, ort.Tensor> = {};
  inputs.forEach((t, k) => (feeds[names[k]] = new ort.Tensor('float32', t.data as Float32Array, [...t.dims])));
  const out = await session.run(feeds);
  return session.outputNames.map((n) => out[n].data as Float32Array);
}

describe('QCDQ LSTM in Scan against onnxruntime', () => {
  const rng = new Rng(2026);
  const cases = Array.from({ length: 16 }, (_, k) => {
    const bits = () => rng.int(2, 8);
    return {
      k,
      inputSize: rng.int(1, 12),
      hiddenSize: rng.int(1, 24),
      T: rng.int(1, 12),
      layers: rng.int(1, 2),
      reverse: rng.next() < 0.3,
      seed: rng.int(1, 1e9),
      quant: k === 0 ? {} : { weight: bits(), input: bits(), acc: bits(), sigmoid: bits(), tanh: bits(), cell: bits(), hiddenTanh: bits(), hidden: bits() },
    };
  });
  cases.unshift({ k: -1, inputSize: 10, hiddenSize: 20, T: 25, layers: 1, reverse: false, seed: 5, quant: { weight: 8, acc: 6, sigmoid: 6, tanh: 6, cell: 6, hiddenTanh: 6, hidden: 8, input: 8 } });

  it.each(cases)('case $k: F=$inputSize H=$hiddenSize T=$T layers=$layers reverse=$reverse', async (c) => {
    const model = quantLstm({ inputSize: c.inputSize, hiddenSize: c.hiddenSize, seqLen: c.T, layers: c.layers, reverse: c.reverse, seed: c.seed, quant: c.quant });
    const sim = new Simulator(model);
    const r = new Rng(c.seed + 1);
    const inputs = sim.inputNames.map((name) => {
      const type = model.graph.inputs.find((i) => i.name === name)!.type!;
      const dims = (type as { shape: number[] }).shape;
      const n = dims.reduce((a, b) => a * b, 1);
      return new Tensor('float32', dims, name === 'X' ? r.floats(n, -3, 3) : r.floats(n, -0.5, 0.5));
    });
    const ours = sim.run(inputs).outputs;
    const theirs = await runOrt(encodeModel(model), sim.inputNames, inputs);
    let exact = 0;
    let total = 0;
    ours.forEach((t, k) => {
      const a = t.data as Float32Array;
      const b = theirs[k];
      expect(a.length).toBe(b.length);
      for (let i = 0; i < a.length; i++) {
        total++;
        if (a[i] === b[i]) exact++;
        else expect(Math.abs(a[i] - b[i]), `output ${sim.outputNames[k]}[${i}]`).toBeLessThanOrEqual(1e-5 + 1e-3 * Math.abs(b[i]));
      }
    });
    // Quantised values agree exactly almost everywhere.
    expect(exact / total).toBeGreaterThan(0.95);
  });
});
