/** Test support: an ONNX conformance GRU with its weight inputs bound to test_data_set_0's values. */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Model, type Tensor } from '@scanflow/ir';
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
 * compile time. Writes the model and the other inputs under `dir`.
 */
export function bindWeights(caseDir: string, dir: string, weights: readonly string[] = ['W', 'R', 'B']): BoundCase {
  return bind(caseDir, dir, weights);
}

function bind(caseDir: string, dir: string, weights: readonly string[]): BoundCase {
  const model = loadModel(join(caseDir, 'model.onnx'));
  const set = join(caseDir, 'test_data_set_0');
  const files = readdirSync(set);
  const count = (prefix: string): number => files.filter((f) => f.startsWith(prefix)).length;
  const feeds = Array.from({ length: count('input_') }, (_, k) => readTensorFile(join(set, `input_${k}.pb`)).tensor);
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
