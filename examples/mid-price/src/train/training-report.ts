import type { EpochRecord } from './train';
import type { ModelRecord } from './model-record';
import { describeBits } from './quant-config';

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;

/** model/TRAINING.md: how the committed model was produced and what it scores. */
export function trainingReport(r: ModelRecord): string {
  const d = r.data;
  const t = r.training;
  const history = (h: unknown[]) =>
    (h as EpochRecord[]).map((e) => `| ${e.epoch} | ${e.trainLoss.toFixed(4)} | ${e.valLoss.toFixed(4)} | ${pct(e.valAccuracy)} | ${e.seconds.toFixed(0)} |`).join('\n');
  return `# The committed mid-price model

Produced by \`${t.command}\` in \`examples/mid-price\` (tfjs backend \`${t.backend}\`, ${t.seconds} s).
Do not edit: \`npm run train\` rewrites this file, \`mid-price.onnx\` and \`mid-price.json\`.

## Data

${
  d.kind === 'synthetic'
    ? `**Synthetic data**: the synthetic order book of \`src/data/lob-generator.ts\`, seed ${d.seed}, ${d.days} days × ${d.samplesPerDay} samples
(10 events each), label threshold α = ${d.alpha}, written as FI-2010 NoAuction ZScore files (Setup 2: days 1–7
train, the last 20 % of them validation, days 8–10 test).`
    : `FI-2010 (${d.norm}): ${d.files.join(', ')}.`
}
Horizon k = ${d.horizon} samples, windows of ${d.window} samples × 40 features, labelled at the window's last sample.
Test split: ${r.results.testWindows} windows, classes down / stationary / up ${r.results.classCounts.join(' / ')}; majority class ${pct(r.results.majorityRate)}.

## Model

ConvLSTM: convolutions with ${r.shape.channels.join(', ')} channels (1×2 stride 2, 1×2 stride 2, 1×10), LSTM hidden ${r.shape.hidden}, ${r.shape.classes} classes.
Quantisation: ${describeBits(r.bits)}; every quantiser's bit width and scale is in \`mid-price.json\`.

## Training (seed ${t.seed}, batch ${t.batchSize}, Adam)

Float: ${t.float.epochs} epochs, learning rate ${t.float.learningRate}; kept epoch ${t.float.bestEpoch} (lowest validation loss).

| epoch | train loss | validation loss | validation accuracy | s |
|---|---|---|---|---|
${history(t.float.history)}

Quantisation-aware fine-tuning: ${t.qat.epochs} epochs, learning rate ${t.qat.learningRate}; kept epoch ${t.qat.bestEpoch}.

| epoch | train loss | validation loss | validation accuracy | s |
|---|---|---|---|---|
${history(t.qat.history)}

## Results on the test split${d.kind === 'synthetic' ? ' (synthetic data)' : ''}

| model | accuracy | macro-F1 | measured by |
|---|---|---|---|
| float | ${pct(r.results.float.accuracy)} | ${pct(r.results.float.macroF1)} | tfjs |
| quantised (${describeBits(r.bits)}) | ${pct(r.results.quantised.accuracy)} | ${pct(r.results.quantised.macroF1)} | scanflow's simulator on \`mid-price.onnx\` |
| majority class | ${pct(r.results.majorityRate)} | | |

The trainer's quantised forward pass against the simulator on the same ${r.results.testWindows} windows: max |Δ logit|
${r.results.trainerVsSimulator.maxAbsDiff}, identical logits for ${pct(r.results.trainerVsSimulator.identicalLogits)} of the windows,
identical predictions for ${pct(r.results.trainerVsSimulator.identicalPredictions)}.
`;
}
