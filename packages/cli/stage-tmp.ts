import { loadModel, saveModel, readTensorFile } from '@scanflow/onnx-io';
import { coreKernels, createConstantEvaluator, observeRanges } from '@scanflow/sim';
import { cellQuantPipeline, runStages } from '@scanflow/transforms';
import { fullRegistry } from './src/verify/full-registry';
import gru from '../../examples/plugin-gru/src/index';
const registry = fullRegistry([gru()]);
const [model, inputs, out] = process.argv.slice(2);
const feeds = [readTensorFile(`${inputs}/input_0.pb`).tensor];
const snaps = runStages(loadModel(model!), { registry, evaluate: createConstantEvaluator(registry), calibrate: (m, v) => observeRanges(m, registry, [feeds], v), pipelines: { 'cell-quant': cellQuantPipeline('w8a6', registry) } });
for (const s of snaps) { saveModel(s.model, `${out}-${s.stage}.onnx`); console.log(s.stage, s.pipeline.slice(0, 80)); for (const r of s.records) for (const n of r.notes) console.log('  ', r.pass ?? '', n.slice(0, 200)); }
