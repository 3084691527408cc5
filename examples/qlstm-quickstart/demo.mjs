// The quick-start job. Uses only the published entry points of the @scanflow packages (their built
// dist/ files): builds the FINN-GL-sized quantised LSTM (input 10, hidden 20, W8A6, QCDQ inside an
// ONNX Scan), saves it, writes seeded random inputs, then runs `scanflow inspect`, `scanflow run`, `scanflow verify` (every stage of the flow
// simulated on the same inputs), `scanflow estimate` (folding explored within 10 % of the XCZU7EV) and
// `scanflow compile` (every stage, the Vitis HLS project, reports, and the g++ C-simulation).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { quantLstm, Rng } from '@scanflow/builders';
import { main } from '@scanflow/cli';
import { Tensor } from '@scanflow/ir';
import { saveModel, writeTensorFile } from '@scanflow/onnx-io';

const out = resolve(process.argv[2] ?? 'demo-out');
const T = 100;
mkdirSync(join(out, 'inputs'), { recursive: true });

const model = quantLstm({
  inputSize: 10,
  hiddenSize: 20,
  seqLen: T,
  seed: 2025,
  quant: { weight: 8, input: 8, hidden: 8, acc: 6, sigmoid: 6, tanh: 6, cell: 6, hiddenTanh: 6 },
});
const modelPath = join(out, 'qlstm-10x20-w8a6.onnx');
saveModel(model, modelPath);

const rng = new Rng(7);
writeTensorFile(join(out, 'inputs', 'input_0.pb'), new Tensor('float32', [T, 10, 1], rng.floats(T * 10, -2, 2)), 'X');
writeTensorFile(join(out, 'inputs', 'input_1.pb'), Tensor.zeros('float32', [20, 1]), 'h0');
writeTensorFile(join(out, 'inputs', 'input_2.pb'), Tensor.zeros('float32', [20, 1]), 'c0');

console.log(`$ scanflow inspect ${modelPath}`);
let code = await main(['inspect', modelPath]);
if (code === 0) {
  console.log(`\n$ scanflow run ${modelPath} --inputs ${join(out, 'inputs')} --outputs ${join(out, 'outputs')} --force`);
  code = await main(['run', modelPath, '--inputs', join(out, 'inputs'), '--outputs', join(out, 'outputs'), '--force']);
}
if (code === 0) {
  console.log(`\n$ scanflow verify ${modelPath} --inputs ${join(out, 'inputs')}`);
  code = await main(['verify', modelPath, '--inputs', join(out, 'inputs')]);
}
if (code === 0) {
  console.log(`\n$ scanflow estimate ${modelPath} --board zcu104 --explore --budget 0.1`);
  code = await main(['estimate', modelPath, '--board', 'zcu104', '--explore', '--budget', '0.1']);
}
if (code === 0) {
  const hls = join(out, 'compiled');
  console.log(`\n$ scanflow compile ${modelPath} --board zcu104 --out ${hls} --inputs ${join(out, 'inputs')} --force`);
  code = await main(['compile', modelPath, '--board', 'zcu104', '--out', hls, '--inputs', join(out, 'inputs'), '--force']);
}
process.exitCode = code;
