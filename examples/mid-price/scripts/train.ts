/**
 * `npm run train` (in examples/mid-price): trains the mid-price ConvLSTM and writes the committed
 * model. Float training (Adam, best epoch by validation loss), calibration of the activation
 * ranges, quantisation-aware fine-tuning with every quantiser of the exported graph (W8A6 by
 * default), export through @scanflow/builders' quantConvLstm, and the test-split accuracy of the
 * float model (tfjs) and of the exported model (scanflow's simulator).
 *
 *   npm run train -- [--data DIR [--norm ZScore|MinMax|DecPre]] [--horizon 10] [--seed 1]
 *                    [--epochs 6] [--qat-epochs 2] [--out model] ...   (see --help)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { quantConvLstm } from '@scanflow/builders';
import { saveModel } from '@scanflow/onnx-io';
import { NORMALISATIONS, type Normalisation } from '../src/data/fi2010-format';
import { prepareData } from '../src/data/dataset';
import { SYNTHETIC_DEFAULTS } from '../src/data/synthetic-dataset';
import { simulateLogits } from '../src/eval/evaluate-sim';
import { argmaxRows, classificationMetrics } from '../src/eval/metrics';
import { builderOptions, convLstmWeights } from '../src/train/export';
import { fitFloat, fitQuantised } from '../src/train/fit';
import { DEFAULT_SHAPE } from '../src/train/model';
import { encodeWeights, type ModelRecord } from '../src/train/model-record';
import { predictLogits } from '../src/train/predict';
import { createProgress } from '../src/train/progress';
import { bitWidths, describeBits } from '../src/train/quant-config';
import { initTf } from '../src/train/tf';
import { trainingReport } from '../src/train/training-report';
import { intOption, numberOption, parseOptions, runScript, UsageProblem } from './cli-args';

const HELP = `npm run train -- [options]
  --data DIR            real FI-2010 files (Setup 2: Train_Dst_NoAuction_<norm>_CF_7.txt, Test_..._CF_7/8/9.txt); default: the synthetic order book
  --norm NAME           ZScore (default), MinMax or DecPre
  --horizon K           label horizon in samples: 1, 2, 3, 5 or 10 (default 10)
  --data-seed N         synthetic data seed (default ${SYNTHETIC_DEFAULTS.seed})
  --samples-per-day N   synthetic samples per day (default ${SYNTHETIC_DEFAULTS.samplesPerDay})
  --seed N              initialisation and shuffling seed (default 1)
  --channels A,B,C      convolution channels (default ${DEFAULT_SHAPE.channels.join(',')})
  --hidden N            LSTM hidden size (default ${DEFAULT_SHAPE.hidden})
  --epochs N            float epochs (default 4)     --lr X       float learning rate (default 0.002)
  --qat-epochs N        QAT epochs (default 2)       --qat-lr X   QAT learning rate (default 0.0005)
  --batch N             windows per step (default 128)
  --steps-per-epoch N   at most N steps per epoch (default: all training windows)
  --weight-bits N       weight quantisers (default 8)   --act-bits N   activation quantisers (default 6)
  --out DIR             where the model goes (default model/)`;

await runScript('train', async () => {
  const v = parseOptions(
    ['data', 'norm', 'horizon', 'data-seed', 'samples-per-day', 'seed', 'channels', 'hidden', 'epochs', 'qat-epochs', 'lr', 'qat-lr', 'batch', 'steps-per-epoch', 'weight-bits', 'act-bits', 'out'],
    ['help'],
  );
  if (v.help) {
    console.log(HELP);
    return 0;
  }
  const norm = (v.norm ?? 'ZScore') as Normalisation;
  if (!NORMALISATIONS.includes(norm)) throw new UsageProblem(`--norm takes ${NORMALISATIONS.join(', ')}, got '${v.norm}'`);
  if (v.norm && !v.data) throw new UsageProblem('--norm needs --data (the synthetic set is z-scored)');
  const channels = (v.channels ?? DEFAULT_SHAPE.channels.join(',')).split(',').map((c) => intOption(c, 'channels', 0));
  if (channels.length !== 3) throw new UsageProblem(`--channels takes three numbers, got '${v.channels}'`);
  const shape = { ...DEFAULT_SHAPE, channels: channels as [number, number, number], hidden: intOption(v.hidden, 'hidden', DEFAULT_SHAPE.hidden) };
  const seed = intOption(v.seed, 'seed', 1, 0);
  const batchSize = intOption(v.batch, 'batch', 128);
  const steps = v['steps-per-epoch'] ? intOption(v['steps-per-epoch'], 'steps-per-epoch', 0) : undefined;
  const floatPhase = { epochs: intOption(v.epochs, 'epochs', 4), learningRate: numberOption(v.lr, 'lr', 2e-3), batchSize, seed, ...(steps ? { stepsPerEpoch: steps } : {}) };
  const qatPhase = { epochs: intOption(v['qat-epochs'], 'qat-epochs', 2), learningRate: numberOption(v['qat-lr'], 'qat-lr', 5e-4), batchSize, seed: seed + 1, ...(steps ? { stepsPerEpoch: steps } : {}) };
  const bits = bitWidths({ weights: intOption(v['weight-bits'], 'weight-bits', 8, 2), activations: intOption(v['act-bits'], 'act-bits', 6, 2) });
  const out = resolve(v.out ?? 'model');
  const started = performance.now();

  const backend = await initTf();
  const { split, record: data } = prepareData({
    ...(v.data ? { fi2010Dir: v.data, norm } : {}),
    horizon: intOption(v.horizon, 'horizon', 10),
    window: shape.window,
    synthetic: { seed: intOption(v['data-seed'], 'data-seed', SYNTHETIC_DEFAULTS.seed, 0), samplesPerDay: intOption(v['samples-per-day'], 'samples-per-day', SYNTHETIC_DEFAULTS.samplesPerDay, 200) },
    cacheDir: resolve('.data'),
  });
  const testLabels = split.test.labels();
  const counts = split.test.classCounts();
  console.log(
    `data: ${data.kind === 'synthetic' ? `synthetic order book (seed ${data.seed}, ${data.samplesPerDay} samples/day, α = ${data.alpha})` : `FI-2010 ${data.norm}`}, horizon k = ${data.horizon}; ` +
      `windows: ${split.train.count} train, ${split.val.count} validation, ${split.test.count} test (classes down/stationary/up ${counts.join('/')}); tfjs backend: ${backend}`,
  );
  const progress = createProgress();

  const f = fitFloat(shape, split.train, split.val, { ...floatPhase, progress });
  const floatWeights = convLstmWeights(f.model);
  const floatScore = classificationMetrics(testLabels, argmaxRows(predictLogits(f.model, split.test), shape.classes));
  console.log(`float model: test accuracy ${(100 * floatScore.accuracy).toFixed(2)} %, macro-F1 ${(100 * floatScore.macroF1).toFixed(2)} % (majority class ${(100 * floatScore.majorityRate).toFixed(2)} %)`);

  const q = fitQuantised(shape, floatWeights, bits, split.train, split.val, { ...qatPhase, progress });
  console.log(`quantised ${describeBits(bits)}: calibrated, fine-tuned; exporting and simulating the test split with scanflow's simulator …`);
  const options = builderOptions(shape, q.weights, q.quant);
  const simLogits = simulateLogits(options, split.test);
  const tfLogits = predictLogits(q.model, split.test, q.quant);
  let maxAbsDiff = 0;
  let identical = 0;
  const simPred = argmaxRows(simLogits, shape.classes);
  const tfPred = argmaxRows(tfLogits, shape.classes);
  for (let i = 0; i < simLogits.length; i++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(simLogits[i] - tfLogits[i]));
  for (let w = 0; w < split.test.count; w++) {
    let same = true;
    for (let c = 0; c < shape.classes; c++) same &&= simLogits[w * shape.classes + c] === tfLogits[w * shape.classes + c];
    if (same) identical++;
  }
  const samePred = simPred.reduce((a, p, i) => a + (p === tfPred[i] ? 1 : 0), 0);
  const quantScore = classificationMetrics(testLabels, simPred);
  console.log(`quantised model (scanflow simulator): test accuracy ${(100 * quantScore.accuracy).toFixed(2)} %, macro-F1 ${(100 * quantScore.macroF1).toFixed(2)} %`);
  console.log(`trainer's quantised forward vs simulator: max |Δlogit| ${maxAbsDiff}, identical logits ${identical}/${split.test.count}, identical predictions ${samePred}/${split.test.count}`);

  mkdirSync(out, { recursive: true });
  saveModel(quantConvLstm(options), join(out, 'mid-price.onnx'));
  const record: ModelRecord = {
    format: 'scanflow-mid-price-model/1',
    shape,
    bits,
    ranges: q.ranges,
    activations: q.quant.act,
    weights: { float: encodeWeights(floatWeights), quantised: encodeWeights(q.weights) },
    data,
    training: {
      command: `npm run train${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      seed,
      backend,
      batchSize,
      float: { epochs: floatPhase.epochs, learningRate: floatPhase.learningRate, bestEpoch: f.result.bestEpoch, history: f.result.history },
      qat: { epochs: qatPhase.epochs, learningRate: qatPhase.learningRate, bestEpoch: q.result.bestEpoch, history: q.result.history },
      seconds: Math.round((performance.now() - started) / 1000),
    },
    results: {
      testWindows: split.test.count,
      majorityRate: floatScore.majorityRate,
      classCounts: counts,
      float: { accuracy: floatScore.accuracy, macroF1: floatScore.macroF1 },
      quantised: { accuracy: quantScore.accuracy, macroF1: quantScore.macroF1 },
      trainerVsSimulator: { maxAbsDiff, identicalLogits: identical / split.test.count, identicalPredictions: samePred / split.test.count },
      quantisedPredictions: Buffer.from(simPred).toString('base64'),
    },
  };
  writeFileSync(join(out, 'mid-price.json'), JSON.stringify(record, null, 1) + '\n');
  writeFileSync(join(out, 'TRAINING.md'), trainingReport(record));
  console.log(`wrote ${join(out, 'mid-price.onnx')}, mid-price.json, TRAINING.md (${record.training.seconds} s)`);
  return 0;
});
