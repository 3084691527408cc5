// Writes a quantised GRU (QCDQ in Scan) built by this package: `pnpm run model [out.onnx]`.
import { saveModel } from '@scanflow/onnx-io';
import { quantGru } from '../src/index';

const out = process.argv[2] ?? 'qgru.onnx';
saveModel(quantGru({ inputSize: 3, hiddenSize: 4, seqLen: 5, seed: 3, linearBeforeReset: 1, quant: { update: { activation: 4 }, reset: { acc: 6 }, candidate: { activation: 5 } } }), out);
console.log(`wrote ${out}`);
