/**
 * `npm run demo` (the repository's main job): the committed trained mid-price ConvLSTM, end to end.
 *
 * 1. checks that model/mid-price.onnx is what its record (model/mid-price.json) rebuilds, byte for byte;
 * 2. regenerates the synthetic FI-2010 data the model was trained on (deterministic for its seed);
 * 3. float accuracy (tfjs, float weights) and quantised accuracy (scanflow's simulator on the
 *    exported model) on the test split;
 * 4. `scanflow verify` (every stage simulated on a test window, g++ C-simulation of the HLS C++);
 * 5. `scanflow compile --board zcu104 --explore --budget F`: stages, HLS project, reports;
 * 6. prints the summary and writes DIR/results.json.
 *
 *   npm run demo -- [DIR (default demo-out)] [--budget 0.2] [--data FI2010_DIR --norm ZScore]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantConvLstm } from '@scanflow/builders';
import { type CliIO, main } from '@scanflow/cli';
import { Tensor } from '@scanflow/ir';
import { encodeModel, writeTensorFile } from '@scanflow/onnx-io';
import { prepareData } from '../src/data/dataset';
import { NORMALISATIONS, type Normalisation } from '../src/data/fi2010-format';
import { simulateLogits } from '../src/eval/evaluate-sim';
import { argmaxRows, classificationMetrics, type Metrics } from '../src/eval/metrics';
import { builderOptions, modelFromWeights } from '../src/train/export';
import { decodeWeights, quantConfigOf, readModelRecord } from '../src/train/model-record';
import { predictLogits } from '../src/train/predict';
import { createProgress } from '../src/train/progress';
import { describeBits } from '../src/train/quant-config';
import { initTf } from '../src/train/tf';
import { numberOption, parseOptions, runScript, StepFailed, UsageProblem } from './cli-args';

const here = dirname(fileURLToPath(import.meta.url));
const pct = (x: number) => `${(100 * x).toFixed(2)} %`;

function capture(): CliIO & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

await runScript('demo', async () => {
  const v = parseOptions(['out', 'budget', 'model', 'data', 'norm'], ['help'], process.argv.slice(2), 1);
  if (v.help) {
    console.log('npm run demo -- [DIR] [--budget 0.2] [--model model/mid-price.json] [--data FI2010_DIR [--norm ZScore]]');
    return 0;
  }
  const out = resolve(v.out ?? v.positionals[0] ?? 'demo-out');
  const budget = numberOption(v.budget, 'budget', 0.2);
  if (budget > 1) throw new UsageProblem(`--budget takes a fraction in (0, 1], got ${budget}`);
  const recordPath = resolve(v.model ?? join(here, '..', 'model', 'mid-price.json'));
  const onnxPath = recordPath.replace(/\.json$/, '.onnx');
  const norm = (v.norm ?? 'ZScore') as Normalisation;
  if (!NORMALISATIONS.includes(norm)) throw new UsageProblem(`--norm takes ${NORMALISATIONS.join(', ')}, got '${v.norm}'`);
  const t0 = performance.now();
  const secs = () => `${((performance.now() - t0) / 1000).toFixed(0)} s`;
  mkdirSync(out, { recursive: true });

  // 1. the committed model and its record agree
  const record = readModelRecord(recordPath);
  const quant = quantConfigOf(record);
  const qWeights = decodeWeights(record.weights.quantised);
  const options = builderOptions(record.shape, qWeights, quant);
  if (!existsSync(onnxPath)) throw new StepFailed(`${onnxPath}: no such file (npm run train writes it beside ${recordPath})`);
  if (!Buffer.from(encodeModel(quantConvLstm(options))).equals(readFileSync(onnxPath))) {
    throw new StepFailed(`${onnxPath} is not the model ${recordPath} describes: retrain (npm run train) to write both`);
  }
  console.log(`model: ${relative(process.cwd(), onnxPath)} — ConvLSTM, channels ${record.shape.channels.join('/')}, hidden ${record.shape.hidden}, ${describeBits(record.bits)}`);
  console.log(`       trained by \`${record.training.command}\` (seed ${record.training.seed}); see model/TRAINING.md`);

  // 2. data
  const d = record.data;
  if (d.kind === 'FI-2010' && !v.data) throw new UsageProblem(`the model was trained on FI-2010 files (${d.files[0]} …): pass --data DIR`);
  const { split, record: dataRecord } = prepareData({
    ...(v.data ? { fi2010Dir: v.data, norm } : {}),
    horizon: d.horizon,
    window: d.window,
    ...(d.kind === 'synthetic' ? { synthetic: { seed: d.seed, samplesPerDay: d.samplesPerDay, alpha: d.alpha } } : {}),
    cacheDir: join(out, 'data'),
  });
  const synthetic = dataRecord.kind === 'synthetic';
  const dataLabel = synthetic ? 'synthetic data' : `FI-2010 ${norm}`;
  const labels = split.test.labels();
  console.log(`data (${dataLabel}): ${split.test.count} test windows of ${d.window} samples, horizon k = ${d.horizon} (${secs()})`);

  // 3. accuracy: float (tfjs) and quantised (scanflow's simulator, the arithmetic the hardware does)
  await initTf();
  const floatModel = modelFromWeights(record.shape, decodeWeights(record.weights.float));
  const floatScore = classificationMetrics(labels, argmaxRows(predictLogits(floatModel, split.test), record.shape.classes));
  const progress = createProgress();
  progress.start(split.test.count, 'simulating the quantised model', 'windows');
  const simStart = performance.now();
  const simLogits = simulateLogits(options, split.test, { batch: 64, onBatch: (done) => progress.update(done) });
  const rate = split.test.count / ((performance.now() - simStart) / 1000);
  progress.stop(`simulated ${split.test.count} windows with scanflow's simulator (${rate.toFixed(0)} windows/s, batches of 64)`);
  const quantScore = classificationMetrics(labels, argmaxRows(simLogits, record.shape.classes));

  // 4. scanflow verify on one test window
  const inputs = join(out, 'inputs');
  mkdirSync(inputs, { recursive: true });
  const first = split.test.gather([0]);
  writeTensorFile(join(inputs, 'input_0.pb'), new Tensor('float32', [1, 1, d.window, split.test.features], first), 'X');
  console.log(`\n$ scanflow verify ${relative(process.cwd(), onnxPath)} --inputs ${relative(process.cwd(), inputs)} --json`);
  const vio = capture();
  const verifyCode = await main(['verify', onnxPath, '--inputs', inputs, '--json'], vio);
  if (vio.errors.length) throw new StepFailed(`scanflow verify: ${vio.errors.join(' ')}`);
  const verify = JSON.parse(vio.lines.join('\n')) as {
    stages: { stage: string; vsReference: { exact: boolean; maxAbsDiff: number } }[];
    csim?: { passed: boolean; checked: number; mismatches: number } | { skipped: string };
    firstDivergence?: { stage: string; pass?: string; detail?: string };
  };
  for (const s of verify.stages) console.log(`  ${s.stage.padEnd(12)} vs the exported model: ${s.vsReference.exact ? 'bit-exact' : `max |Δ| ${s.vsReference.maxAbsDiff}`}`);
  const csim = verify.csim;
  const csimText = !csim ? 'not run' : 'skipped' in csim ? `skipped (${csim.skipped})` : `${csim.passed ? 'bit-exact' : 'DIFFERS'} (${csim.checked} elements, ${csim.mismatches} mismatches) — SIMULATION`;
  console.log(`  hls-csim     g++ C-simulation of the generated HLS C++: ${csimText}`);
  console.log(`  first divergence: ${verify.firstDivergence ? JSON.stringify(verify.firstDivergence) : 'none'}`);
  if (verifyCode !== 0) throw new StepFailed(`scanflow verify exited with ${verifyCode} (first divergence: ${JSON.stringify(verify.firstDivergence)})`);
  // no C++ compiler: reported as skipped; any other reason to skip means the flow did not reach HLS
  if (csim && 'skipped' in csim && !/no C\+\+ compiler/.test(csim.skipped)) throw new StepFailed(`scanflow verify could not run the C-simulation: ${csim.skipped}`);

  // 5. scanflow compile for the ZCU104 with the explored folding
  const compiled = join(out, 'compiled');
  const args = ['compile', onnxPath, '--board', 'zcu104', '--out', compiled, '--explore', '--budget', String(budget), '--inputs', inputs, '--force'];
  console.log(`\n$ scanflow ${args.map((a) => (a.startsWith('/') ? relative(process.cwd(), a) : a)).join(' ')}`);
  const cio = capture();
  const compileCode = await main(args, cio);
  for (const l of cio.lines) console.log(`  ${l}`);
  if (cio.errors.length || compileCode !== 0) throw new StepFailed(`scanflow compile exited with ${compileCode}: ${cio.errors.join(' ')}`);
  const report = JSON.parse(readFileSync(join(compiled, 'report.json'), 'utf8')) as {
    board: { clockPeriodNs: number };
    folding: { source: string };
    estimate: { latencyCycles: number; initiationIntervalCycles: number; recurrences: { stepCycles: number; steps: number }[] };
    utilisation: Record<'lut' | 'ff' | 'bram18' | 'uram' | 'dsp', { used: number; available: number; percent: number }>;
    csim?: { passed: boolean; checked: number; mismatches: number };
  };
  const latencyUs = (report.estimate.latencyCycles * report.board.clockPeriodNs) / 1000;
  const u = report.utilisation;

  // 6. summary
  const row = (name: string, m: Metrics) => `  ${name.padEnd(38)} accuracy ${pct(m.accuracy).padStart(8)}   macro-F1 ${pct(m.macroF1).padStart(8)}`;
  console.log(`\n=== mid-price ConvLSTM on the ${dataLabel} test split (${split.test.count} windows) ===`);
  console.log(row('float (tfjs)', floatScore));
  console.log(row(`quantised ${describeBits(record.bits).split(' (')[0]} (scanflow simulator)`, quantScore));
  console.log(`  ${'majority class'.padEnd(38)} accuracy ${pct(floatScore.majorityRate).padStart(8)}`);
  console.log(`verification: ${verify.stages.length} stages bit-exact with the exported model: ${verify.stages.every((s) => s.vsReference.exact) ? 'yes' : 'NO'}; g++ C-simulation: ${csimText}`);
  console.log(`hardware (ESTIMATES, ${report.folding.source}):`);
  console.log(`  latency ${report.estimate.latencyCycles.toLocaleString('en-US')} cycles = ${latencyUs.toFixed(2)} µs per window at ${(1000 / report.board.clockPeriodNs).toFixed(0)} MHz (LSTM step ${report.estimate.recurrences.map((r) => `${r.stepCycles} cycles × ${r.steps}`).join(', ')})`);
  console.log(`  resources ${(['lut', 'ff', 'bram18', 'uram', 'dsp'] as const).map((k) => `${k.toUpperCase()} ${u[k].used.toLocaleString('en-US')} (${u[k].percent.toFixed(2)} %)`).join(', ')} of the XCZU7EV`);
  console.log(`HLS project: ${relative(process.cwd(), join(compiled, 'hls'))} (run_hls.tcl for Vitis HLS); reports: ${relative(process.cwd(), join(compiled, 'report.json'))}, report.html`);
  const results = {
    model: relative(out, onnxPath),
    data: synthetic ? 'synthetic' : dataRecord.kind === 'FI-2010' ? dataRecord.files : [],
    dataDetail: dataRecord,
    testWindows: split.test.count,
    majorityRate: floatScore.majorityRate,
    floatAccuracy: floatScore.accuracy,
    floatMacroF1: floatScore.macroF1,
    quantAccuracy: quantScore.accuracy,
    quantMacroF1: quantScore.macroF1,
    quantisation: record.bits,
    verify: { stages: verify.stages.map((s) => ({ stage: s.stage, exact: s.vsReference.exact })), csim: csim ?? null, firstDivergence: verify.firstDivergence ?? null },
    hardware: {
      kind: 'ESTIMATE',
      board: 'zcu104',
      folding: report.folding.source,
      latencyCycles: report.estimate.latencyCycles,
      clockPeriodNs: report.board.clockPeriodNs,
      utilisation: u,
      csim: report.csim ?? null,
    },
    latencyUs,
    hlsProject: relative(out, join(compiled, 'hls')),
    report: relative(out, join(compiled, 'report.json')),
  };
  writeFileSync(join(out, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`wrote ${relative(process.cwd(), join(out, 'results.json'))} (${secs()})`);
  return 0;
});
