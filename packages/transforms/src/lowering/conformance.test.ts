import { fileURLToPath } from 'node:url';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { coreOps, createRegistry, forEachGraph, type Model, type Tensor } from '@scanflow/ir';
import { loadModel, readTensorFile } from '@scanflow/onnx-io';
import { coreKernels, Simulator } from '@scanflow/sim';
import { describe, expect, it } from 'vitest';
import { corePasses } from '../builtin-passes';
import { runPipeline } from '../pass-manager';
import { stagePipelines } from '../stages';

/**
 * The ONNX conformance models of LSTM and RNN (read in place), lowered by lower-lstm / lower-rnn (alone
 * and within the import stage's pipeline) and simulated: the Scan form must reproduce the reference
 * outputs of test_data_set_0.
 */
const ROOT = fileURLToPath(new URL('../../../../../shared/conformance/onnx-node', import.meta.url));
const CASES = readdirSync(ROOT).filter((d) => /^(test_lstm_|test_simple_rnn_|test_rnn_seq_length$)/.test(d)).sort();
const RTOL = 1e-3;
const ATOL = 1e-7;
const registry = createRegistry([coreOps(), coreKernels(), corePasses()]);

function opTypes(model: Model): string[] {
  const s: string[] = [];
  forEachGraph(model.graph, (g) => g.nodes.forEach((n) => s.push(n.opType)));
  return s;
}

function expectClose(got: Tensor, want: Tensor, what: string): void {
  expect(got.dims, `${what}: shape`).toEqual(want.dims);
  const g = got.data as Float32Array;
  const w = want.data as Float32Array;
  for (let i = 0; i < w.length; i++) {
    if (!(Math.abs(g[i] - w[i]) <= ATOL + RTOL * Math.abs(w[i]))) expect.fail(`${what}: element ${i} is ${g[i]}, expected ${w[i]}`);
  }
}

describe('lower-lstm / lower-rnn on the ONNX conformance models', () => {
  it('finds the conformance models', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(6);
  });

  it.each(CASES.flatMap((name) => [
    [name, 'lower-lstm,lower-rnn'],
    [name, stagePipelines(registry).import!],
  ]))('%s through %s', (name, pipeline) => {
    const dir = join(ROOT, name);
    const model = loadModel(join(dir, 'model.onnx'));
    const { records } = runPipeline(model, pipeline, { registry });
    expect(records.some((r) => r.changed)).toBe(true);
    const ops = opTypes(model);
    expect(ops).not.toContain('LSTM');
    expect(ops).not.toContain('RNN');
    expect(ops).toContain('Scan');
    const set = join(dir, 'test_data_set_0');
    const files = readdirSync(set);
    const count = (prefix: string) => files.filter((f) => f.startsWith(prefix)).length;
    const sim = new Simulator(model, { registry });
    const feeds = Array.from({ length: count('input_') }, (_, k) => readTensorFile(join(set, `input_${k}.pb`)).tensor);
    const result = sim.run(feeds);
    for (let k = 0; k < count('output_'); k++) {
      const want = readTensorFile(join(set, `output_${k}.pb`));
      expectClose(result.outputs[k], want.tensor, `${name} output ${k} (${want.name ?? sim.outputNames[k]})`);
    }
  });
});
