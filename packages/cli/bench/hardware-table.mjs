#!/usr/bin/env node
// pnpm bench:hw — the hardware benchmark: for the FINN-GL-size LSTM (10 → 20, W8A6, T = 100) and the
// ConvLSTM builder model (hidden 32, T = 100), cycles per step, latency and resources at PE = SIMD = 1,
// at the explored optimum within 50 % and 100 % of the XCZU7EV, and fully parallel, beside the
// recurrence limit: the fused step with every layer fully parallel, products in LUTs and thresholds
// compared all at once (only the structure's depths remain: adder tree, activations, element-wise,
// state write). Every figure is an ESTIMATE of scanflow's analytical models (not synthesis).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantConvLstm, quantLstm } from '@scanflow/builders';
import { builtinHwRegistry, estimateModel, exploreFolding, foldableLayers, scaleBudget } from '@scanflow/hls-backend';
import { loadModel, saveModel } from '@scanflow/onnx-io';
import { main } from '../dist/index.js';

const ZCU104 = { lut: 230400, ff: 460800, bram18: 624, uram: 96, dsp: 1728 };
const CLOCK_MHZ = 200;
const W8A6 = { weight: 8, input: 8, hidden: 8, acc: 6, sigmoid: 6, tanh: 6, cell: 6, hiddenTanh: 6 };
const MODELS = [
  ['FINN-GL LSTM 10→20 W8A6, T=100', () => quantLstm({ inputSize: 10, hiddenSize: 20, seqLen: 100, seed: 2025, quant: W8A6 })],
  ['ConvLSTM builder (hidden 32, 8-bit), T=100', () => quantConvLstm({})],
  ['ConvLSTM, W8A6 cell (hidden 32), T=100', () => quantConvLstm({ quant: { lstm: W8A6 } })],
];

/** The hardware stage of a model, through the CLI's flow (no C-simulation). */
async function hardwareStage(build) {
  const dir = mkdtempSync(join(tmpdir(), 'scanflow-bench-hw-'));
  try {
    saveModel(build(), join(dir, 'model.onnx'));
    const io = { out: () => {}, err: (l) => console.error(l) };
    const code = await main(['compile', join(dir, 'model.onnx'), '--out', join(dir, 'out'), '--no-csim', '--allow-overbudget'], io);
    if (code !== 0) throw new Error(`compile exited ${code}`);
    return loadModel(join(dir, 'out', 'stages', '4-hardware.onnx'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fullyParallel(model, choices = {}) {
  const folding = {};
  for (const l of foldableLayers(model, builtinHwRegistry())) {
    const f = { pe: l.pe[l.pe.length - 1], ...(l.simd ? { simd: l.simd[l.simd.length - 1] } : {}) };
    if (choices.mult && l.multiplies) f.mult = choices.mult;
    if (choices.thresholds && l.thresholds && (choices.thresholds !== 'search' || l.sortedThresholds)) f.thresholds = choices.thresholds;
    folding[l.node.name] = f;
  }
  return folding;
}

const pct = (used, kind) => `${((100 * used) / ZCU104[kind]).toFixed(1)} %`;
const rows = [];
for (const [name, build] of MODELS) {
  const hw = await hardwareStage(build);
  const limit = estimateModel(hw, { folding: fullyParallel(hw, { mult: 'lut', thresholds: 'compare-all' }) }).recurrences[0].stepCycles;
  const designs = [
    ['PE = SIMD = 1', undefined],
    ['explored ≤ 50 %', exploreFolding(hw, { budget: scaleBudget(ZCU104, 0.5), objective: 'min-latency' }).best.folding],
    ['explored ≤ 100 %', exploreFolding(hw, { budget: ZCU104, objective: 'min-latency' }).best.folding],
    ['fully parallel', fullyParallel(hw)],
  ];
  for (const [design, folding] of designs) {
    const e = estimateModel(hw, folding ? { folding } : {});
    const step = e.recurrences[0].stepCycles;
    rows.push([name, design, step, e.latencyCycles, (e.latencyCycles / CLOCK_MHZ).toFixed(2), pct(e.totals.lut, 'lut'), pct(e.totals.ff, 'ff'), pct(e.totals.bram18, 'bram18'), pct(e.totals.dsp, 'dsp'), limit, (step / limit).toFixed(2)]);
  }
}

const head = ['model', 'design', 'cycles/step', 'latency (cycles)', `µs @ ${CLOCK_MHZ} MHz`, 'LUT', 'FF', 'BRAM18', 'DSP', 'limit (cycles/step)', 'step ÷ limit'];
console.log('scanflow hardware benchmark — ESTIMATES (analytical models of the generated design, XCZU7EV / ZCU104), not synthesis or measurement\n');
console.log(`| ${head.join(' | ')} |`);
console.log(`|${head.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
