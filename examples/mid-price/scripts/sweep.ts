/**
 * `npm run sweep` (in examples/mid-price; not run in CI: about half an hour on 2 cores): the
 * mixed-precision sweep. For each bit-width setting of src/sweep/settings.ts, from the committed
 * model's float weights: calibration, quantisation-aware fine-tuning (--qat-epochs, default 1),
 * export, test accuracy with scanflow's simulator, and `scanflow estimate --explore --budget 0.2
 * --json` for resources and latency (ESTIMATES). Writes docs/sweep.json, docs/sweep.md and the chart
 * docs/sweep.svg.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantConvLstm } from '@scanflow/builders';
import { type CliIO, main } from '@scanflow/cli';
import { saveModel } from '@scanflow/onnx-io';
import { prepareData } from '../src/data/dataset';
import { simulateLogits } from '../src/eval/evaluate-sim';
import { argmaxRows, classificationMetrics } from '../src/eval/metrics';
import { sweepChart, type SweepPoint } from '../src/sweep/chart';
import { SWEEP_SETTINGS } from '../src/sweep/settings';
import { builderOptions } from '../src/train/export';
import { fitQuantised } from '../src/train/fit';
import { decodeWeights, readModelRecord } from '../src/train/model-record';
import { createProgress } from '../src/train/progress';
import { bitWidths, describeBits } from '../src/train/quant-config';
import { initTf } from '../src/train/tf';
import { intOption, numberOption, parseOptions, runScript, UsageProblem } from './cli-args';

const here = dirname(fileURLToPath(import.meta.url));

await runScript('sweep', async () => {
  const v = parseOptions(['qat-epochs', 'qat-lr', 'steps-per-epoch', 'budget', 'only', 'out'], ['help']);
  if (v.help) {
    console.log('npm run sweep -- [--qat-epochs 1] [--qat-lr 0.0005] [--steps-per-epoch N] [--budget 0.2] [--only NAME,NAME] [--out docs]');
    return 0;
  }
  const record = readModelRecord(join(here, '..', 'model', 'mid-price.json'));
  if (record.data.kind !== 'synthetic') throw new UsageProblem('the sweep runs on the synthetic data the committed model was trained on');
  const budget = numberOption(v.budget, 'budget', 0.2);
  const only = v.only?.split(',');
  const settings = SWEEP_SETTINGS.filter((s) => !only || only.includes(s.name));
  if (settings.length === 0) throw new UsageProblem(`--only matches none of ${SWEEP_SETTINGS.map((s) => s.name).join(', ')}`);
  const steps = v['steps-per-epoch'] ? intOption(v['steps-per-epoch'], 'steps-per-epoch', 0) : undefined;
  const phase = { epochs: intOption(v['qat-epochs'], 'qat-epochs', 1), learningRate: numberOption(v['qat-lr'], 'qat-lr', 5e-4), batchSize: record.training.batchSize, seed: record.training.seed + 1, ...(steps ? { stepsPerEpoch: steps } : {}) };
  const outDir = v.out ?? join(here, '..', 'docs');
  await initTf();
  const d = record.data;
  const { split } = prepareData({ horizon: d.horizon, window: d.window, synthetic: { seed: d.seed, samplesPerDay: d.samplesPerDay, alpha: d.alpha }, cacheDir: join(here, '..', '.data') });
  const floatWeights = decodeWeights(record.weights.float);
  const labels = split.test.labels();
  const tmp = mkdtempSync(join(tmpdir(), 'mid-price-sweep-'));
  const points: (SweepPoint & { setting: string; bits: ReturnType<typeof bitWidths>; stepCycles: number[]; latencyCycles: number })[] = [];
  try {
    for (const s of settings) {
      const t0 = performance.now();
      const bits = bitWidths(s.bits);
      const q = fitQuantised(record.shape, floatWeights, bits, split.train, split.val, { ...phase, progress: createProgress() });
      const options = builderOptions(record.shape, q.weights, q.quant);
      const score = classificationMetrics(labels, argmaxRows(simulateLogits(options, split.test), record.shape.classes));
      const path = join(tmp, 'model.onnx');
      saveModel(quantConvLstm(options), path);
      const lines: string[] = [];
      const io: CliIO = { out: (l) => lines.push(l), err: (l) => lines.push(l) };
      const code = await main(['estimate', path, '--board', 'zcu104', '--explore', '--budget', String(budget), '--json'], io);
      if (code !== 0) throw new Error(`scanflow estimate (${s.name}) exited with ${code}: ${lines.join(' ')}`);
      const e = JSON.parse(lines.join('\n')) as { clockPeriodNs: number; estimate: { latencyCycles: number; totals: { lut: number; dsp: number; bram18: number }; recurrences: { stepCycles: number }[] } };
      const point = {
        name: s.name,
        setting: describeBits(bits),
        bits,
        accuracy: score.accuracy,
        macroF1: score.macroF1,
        lut: e.estimate.totals.lut,
        dsp: e.estimate.totals.dsp,
        bram18: e.estimate.totals.bram18,
        latencyCycles: e.estimate.latencyCycles,
        latencyUs: (e.estimate.latencyCycles * e.clockPeriodNs) / 1000,
        stepCycles: e.estimate.recurrences.map((r) => r.stepCycles),
      };
      points.push(point);
      console.log(`${s.name}: accuracy ${(100 * point.accuracy).toFixed(2)} %, macro-F1 ${(100 * point.macroF1).toFixed(2)} %, LUT ${point.lut}, DSP ${point.dsp}, latency ${point.latencyUs.toFixed(2)} µs (ESTIMATES) — ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  mkdirSync(outDir, { recursive: true });
  const command = `npm run sweep${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  writeFileSync(join(outDir, 'sweep.json'), JSON.stringify({ command, qat: phase, budget, float: record.results.float, majorityRate: record.results.majorityRate, points }, null, 2) + '\n');
  writeFileSync(join(outDir, 'sweep.svg'), await sweepChart(points, `Mid-price ConvLSTM: accuracy vs ESTIMATED resources and latency (synthetic data, zcu104, budget ${budget})`));
  const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
  const table = points.map((p) => `| ${p.name} | ${p.setting} | ${pct(p.accuracy)} | ${pct(p.macroF1)} | ${p.lut.toLocaleString('en-US')} | ${p.dsp} | ${p.bram18} | ${p.stepCycles.join(', ')} | ${p.latencyUs.toFixed(2)} |`).join('\n');
  writeFileSync(
    join(outDir, 'sweep.md'),
    `# Mixed-precision sweep (synthetic data)

Produced by \`${command}\` in \`examples/mid-price\`: for each setting, from the committed model's float
weights (\`model/mid-price.json\`): calibration of the activation ranges, ${phase.epochs} epoch${phase.epochs === 1 ? '' : 's'} of
quantisation-aware fine-tuning (learning rate ${phase.learningRate}, seed ${phase.seed}), export through
\`quantConvLstm\`, test accuracy measured by scanflow's simulator on the ${split.test.count} test windows of the
synthetic data, and \`scanflow estimate --board zcu104 --explore --budget ${budget} --json\` for resources and
latency. **Accuracies are simulator results on synthetic data; LUT, DSP, BRAM, cycles and latency are
ESTIMATES** of scanflow's analytical models (no synthesis).

Float model: accuracy ${pct(record.results.float.accuracy)}, macro-F1 ${pct(record.results.float.macroF1)}; majority class ${pct(record.results.majorityRate)}.

| setting | quantisers | accuracy | macro-F1 | LUT | DSP | BRAM18 | LSTM step (cycles) | latency (µs) |
|---|---|---|---|---|---|---|---|---|
${table}

![accuracy against estimated LUTs and latency](sweep.svg)
`,
  );
  console.log(`wrote ${join(outDir, 'sweep.md')}, sweep.svg, sweep.json`);
  return 0;
});
