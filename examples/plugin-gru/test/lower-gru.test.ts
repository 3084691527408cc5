import { fileURLToPath } from 'node:url';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cloneModel, coreOps, createRegistry, forEachGraph, type Model } from '@scanflow/ir';
import { loadModel, readTensorFile } from '@scanflow/onnx-io';
import { coreKernels, Simulator } from '@scanflow/sim';
import { corePasses, runPipeline, stagePipelines } from '@scanflow/transforms';
import { describe, expect, it } from 'vitest';
import gruPlugin from '../src/index';
import { firstMismatch, gruCase, type GruCaseOptions, runOrt } from './gru-case';

/**
 * lower-gru against independent references: the ONNX conformance GRUs (read in place; expected
 * outputs from test_data_set_0) and onnxruntime-node running the original GRU node, for
 * linear_before_reset 0 and 1, each direction, with and without sequence_lens.
 */
const ROOT = fileURLToPath(new URL('../../../../shared/conformance/onnx-node', import.meta.url));
const CONFORMANCE = ['test_gru_batchwise', 'test_gru_seq_length', 'test_gru_with_initial_bias'];
const registry = createRegistry([coreOps(), coreKernels(), corePasses(), gruPlugin()]);

function opTypes(model: Model): string[] {
  const s: string[] = [];
  forEachGraph(model.graph, (g) => g.nodes.forEach((n) => s.push(n.opType)));
  return s;
}

function lowered(model: Model, pipeline = 'lower-gru'): { model: Model; notes: string[] } {
  const m = cloneModel(model);
  const { records } = runPipeline(m, pipeline, { registry });
  expect(opTypes(m)).not.toContain('GRU');
  expect(opTypes(m)).toContain('Scan');
  return { model: m, notes: records.flatMap((r) => r.notes) };
}

describe('lower-gru on the ONNX conformance GRUs', () => {
  it('the import stage of a registry with the plugin runs lower-gru', () => {
    expect(stagePipelines(registry).import).toMatch(/lower-gru/);
  });

  it.each(CONFORMANCE.flatMap((name) => [[name, 'lower-gru'], [name, 'import stage']]))('%s through %s reproduces test_data_set_0', (name, how) => {
    const dir = join(ROOT, name);
    const { model } = lowered(loadModel(join(dir, 'model.onnx')), how === 'import stage' ? stagePipelines(registry).import : 'lower-gru');
    const set = join(dir, 'test_data_set_0');
    const files = readdirSync(set);
    const feeds = files.filter((f) => f.startsWith('input_')).sort().map((f) => readTensorFile(join(set, f)).tensor);
    const outputs = new Simulator(model, { registry }).run(feeds).outputs;
    const expected = files.filter((f) => f.startsWith('output_')).sort();
    expect(expected.length).toBeGreaterThan(0);
    expected.forEach((f, k) => {
      const bad = firstMismatch(outputs[k]!, readTensorFile(join(set, f)).tensor, 1e-3, 1e-7);
      expect(bad, `${name} ${f}`).toBeUndefined();
    });
  });
});

const ORT_CASES: GruCaseOptions[] = ([0, 1] as const).flatMap((linearBeforeReset) =>
  (['forward', 'reverse', 'bidirectional'] as const).flatMap((direction) => [false, true].map((sequenceLens) => ({ linearBeforeReset, direction, sequenceLens }))),
);

describe('lower-gru against onnxruntime-node', () => {
  it.each(ORT_CASES.map((c) => [`linear_before_reset ${c.linearBeforeReset}, ${c.direction}${c.sequenceLens ? ', sequence_lens [4, 1, 3]' : ''}`, c] as const))('%s', async (_, options) => {
    const c = gruCase(options);
    const want = await runOrt(c.model, c.feeds);
    const { model, notes } = lowered(c.model);
    expect(notes.join('\n')).toMatch(new RegExp(`linear_before_reset ${options.linearBeforeReset}`));
    const inOrt = await runOrt(model, c.feeds);
    const simulated = new Simulator(model, { registry }).run(c.feeds).outputs;
    want.forEach((w, k) => {
      expect(firstMismatch(inOrt[k]!, w), `output ${k} of the lowered model in onnxruntime`).toBeUndefined();
      expect(firstMismatch(simulated[k]!, w), `output ${k} of the lowered model in the simulator`).toBeUndefined();
    });
  });

  it('weights fed at run time, and clip: the lowered model still matches onnxruntime', async () => {
    const c = gruCase({ linearBeforeReset: 1, direction: 'bidirectional', sequenceLens: true, constantWeights: false, clip: 0.7 });
    const want = await runOrt(c.model, c.feeds);
    const { model, notes } = lowered(c.model);
    expect(notes.join('\n')).toMatch(/clip 0\.7.*weights sliced in the graph/);
    const got = await runOrt(model, c.feeds);
    want.forEach((w, k) => expect(firstMismatch(got[k]!, w), `output ${k}`).toBeUndefined());
  });

  it('layout 1 (batch first, which onnxruntime\'s CPU GRU does not run): the lowered model matches the simulator\'s GRU kernel', () => {
    for (const linearBeforeReset of [0, 1] as const) {
      const c = gruCase({ linearBeforeReset, direction: 'bidirectional', sequenceLens: true, layout: 1 });
      const want = new Simulator(c.model, { registry }).run(c.feeds).outputs;
      const got = new Simulator(lowered(c.model).model, { registry }).run(c.feeds).outputs;
      want.forEach((w, k) => expect(firstMismatch(got[k]!, w), `lbr ${linearBeforeReset}, output ${k}`).toBeUndefined());
    }
  });

  it('refuses a linear_before_reset other than 0 / 1 with a message naming the node', () => {
    const c = gruCase({ linearBeforeReset: 0, direction: 'forward', sequenceLens: false });
    c.model.graph.nodes[0]!.attributes.set('linear_before_reset', { type: 'int', value: 2n } as never);
    expect(() => runPipeline(c.model, 'lower-gru', { registry })).toThrow(/'gru'.*linear_before_reset' is 2, expected 0 or 1/);
  });
});
