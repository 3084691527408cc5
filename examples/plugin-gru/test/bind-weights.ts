/** Test support: an ONNX conformance GRU with its weight inputs bound to test_data_set_0's values. */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Model, Tensor, type ValueInfo } from '@scanflow/ir';
import { loadModel, readTensorFile, saveModel, writeTensorFile } from '@scanflow/onnx-io';

export interface BoundCase {
  /** The model file with W, R, B as initializers. */
  model: string;
  /** A folder with the remaining inputs (input_0.pb = X ...), in graph-input order. */
  inputs: string;
  /** test_data_set_0's expected outputs. */
  expected: Tensor[];
  /** The bound model in memory. */
  bound: Model;
}

/**
 * Binds the graph inputs named in `weights` (W, R, B …) to their values in test_data_set_0, as
 * initializers — the form a trained model has, and what integer hardware needs: weights known at
 * compile time. Writes the model and the other inputs under `dir`. With `firstBatchEntry`, X holds
 * batch entry 0 only (and every declared batch dimension is 1): the batch-1 column form scanflow's
 * hardware stage maps (the expected outputs are then not those of test_data_set_0).
 */
export function bindWeights(caseDir: string, dir: string, options: { firstBatchEntry?: boolean } = {}): BoundCase {
  const weights = ['W', 'R', 'B'];
  const model = loadModel(join(caseDir, 'model.onnx'));
  const set = join(caseDir, 'test_data_set_0');
  const files = readdirSync(set);
  const count = (prefix: string): number => files.filter((f) => f.startsWith(prefix)).length;
  const feeds = Array.from({ length: count('input_') }, (_, k) => readTensorFile(join(set, `input_${k}.pb`)).tensor);
  if (options.firstBatchEntry) firstEntry(model, feeds);
  const kept: Tensor[] = [];
  const inputs = [...model.graph.inputs];
  model.graph.inputs.length = 0;
  inputs.forEach((input, k) => {
    if (weights.includes(input.name)) model.graph.initializers.set(input.name, feeds[k]!);
    else {
      model.graph.inputs.push(input);
      kept.push(feeds[k]!);
    }
  });
  mkdirSync(join(dir, 'inputs'), { recursive: true });
  kept.forEach((t, k) => writeTensorFile(join(dir, 'inputs', `input_${k}.pb`), t, model.graph.inputs[k]!.name));
  const path = join(dir, 'model.onnx');
  saveModel(model, path);
  return { model: path, inputs: join(dir, 'inputs'), expected: Array.from({ length: count('output_') }, (_, k) => readTensorFile(join(set, `output_${k}.pb`)).tensor), bound: model };
}

/** Cuts X (input 0) of a single-GRU model to batch entry 0 and declares batch 1 on X and the outputs. */
function firstEntry(model: Model, feeds: Tensor[]): void {
  const gru = model.graph.nodes.find((n) => n.opType === 'GRU')!;
  const layout = gru.attributes.get('layout')?.value === 1n ? 1 : 0;
  const x = feeds[0]!;
  const [a, b, c] = x.dims as [number, number, number];
  const T = layout === 0 ? a : b;
  const data = new Float32Array(T * c);
  for (let t = 0; t < T; t++) for (let i = 0; i < c; i++) data[t * c + i] = (x.data as Float32Array)[layout === 0 ? t * b * c + i : t * c + i]!;
  feeds[0] = new Tensor('float32', layout === 0 ? [T, 1, c] : [1, T, c], data);
  const setBatch = (v: ValueInfo, axis: number): void => {
    const t = v.type;
    if (t?.kind === 'tensor' && t.shape) v.type = { ...t, shape: t.shape.map((d, k) => (k === axis ? 1 : d)) };
  };
  setBatch(model.graph.inputs[0]!, layout === 0 ? 1 : 0);
  for (const o of model.graph.outputs) setBatch(o, o.name === gru.outputs[0] ? (layout === 0 ? 2 : 0) : layout === 0 ? 1 : 0);
}
