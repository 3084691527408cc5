import { existsSync, readdirSync } from 'node:fs';
import { loadModel, readTensorFile } from '@scanflow/onnx-io';
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../simulator';

/**
 * Brevitas's own exports with PyTorch's eval-mode outputs beside them (read in place): the
 * QuantLSTMCell kernel must reproduce them (run is held to rtol 1e-3, atol 1e-5; the description it
 * implements reproduces them exactly, so it is held to that too).
 */
const DIR = '../shared/conformance/brevitas';
const models = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.onnx')) : [];

describe('Brevitas exports against their PyTorch reference outputs', () => {
  it('the conformance folder holds the four models', () => {
    expect(models.length).toBeGreaterThanOrEqual(4);
  });
  for (const file of models) {
    it(file, () => {
      const model = loadModel(`${DIR}/${file}`);
      const data = `${DIR}/${file.replace(/\.onnx$/, '')}/test_data_set_0`;
      const sim = new Simulator(model);
      const inputs = sim.inputNames.map((_, k) => readTensorFile(`${data}/input_${k}.pb`).tensor);
      const outs = sim.run(inputs).outputs;
      outs.forEach((t, k) => {
        const want = readTensorFile(`${data}/output_${k}.pb`).tensor;
        expect(t.dims).toEqual(want.dims);
        const a = t.data as Float32Array;
        const b = want.data as Float32Array;
        for (let i = 0; i < b.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(1e-5 + 1e-3 * Math.abs(b[i]!));
        if (model.graph.nodes.some((n) => n.opType === 'QuantLSTMCell')) expect(Array.from(a)).toEqual(Array.from(b));
      });
    });
  }
});
