import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantLstm } from '@scanflow/builders';
import { saveModel } from '@scanflow/onnx-io';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../program';
import { capture } from '../testing/capture-io.test-support';

let path: string;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scanflow-estimate-'));
  path = join(dir, 'lstm.onnx');
  saveModel(quantLstm({ inputSize: 10, hiddenSize: 20, seqLen: 10, seed: 2025, quant: { weight: 8, input: 8, hidden: 8, acc: 6, sigmoid: 6, tanh: 6, cell: 6, hiddenTanh: 6 } }), path);
});

async function estimate(args: string[]) {
  const io = capture();
  const code = await main(['estimate', path, '--json', ...args], io);
  return { code, io, report: code === 0 ? JSON.parse(io.stdout.join('\n')) : undefined };
}

describe('scanflow estimate', () => {
  it('FINN-GL 10 → 20 W8A6 at PE = SIMD = 1: U·h (20 × 20 = 400 cycles) bounds every step; W·x left the loop', async () => {
    const { code, report } = await estimate([]);
    expect(code).toBe(0);
    expect(report.kind).toBe('ESTIMATE');
    const [rec] = report.estimate.recurrences;
    expect(rec.steps).toBe(10);
    // hand-worked with the documented depth model (hls-backend estimate/graph/step-depth.ts), section by
    // section of the fused step: read xp (20 + 1); the four U·h MVAUs side by side, 400 iterations
    // + LUT product 1 + adder 1 + the 6-bit sigmoid threshold (63 thresholds: 1 + ⌈6 / 3⌉ = 3) = 405;
    // then one chained loop of 20 iterations (every level after the MVAUs walks the same 20 one-lane
    // chunks): f⊙c and i⊙g with their thresholds 1 + 3 = 4 → c = fc + ig with tanh 4 → o⊙tanh(c) 4
    // → write h 1: 20 + 13 = 33. Chain 459, + 1 cycle of loop control = 460 per step; h and c are
    // double-buffered (no copy-back); fill and drain move h and c one element per cycle: 40 each.
    expect(rec.sections.map((s: { cycles: number }) => s.cycles)).toEqual([21, 405, 33]);
    expect(rec.chainCycles).toBe(459);
    expect(rec.stateCopyCycles).toBe(0);
    expect(rec.stepCycles).toBe(460);
    expect(rec.cycles).toBe(40 + 10 * 460 + 40);
    const inLoop = report.estimate.layers.filter((l: { path: string; opType: string }) => l.path.startsWith('lstm/') && l.opType === 'MVAU');
    expect(inLoop.map((l: { cycles: number }) => l.cycles)).toEqual([400, 400, 400, 400]);
    expect(report.utilisation.lut.available).toBe(230400);
  });

  it('the text output shows the loops of the step: iterations, depth, what runs in each, which are chained', async () => {
    const io = capture();
    expect(await main(['estimate', path], io)).toBe(0);
    // the same hand-worked sections as above
    expect(io.stdout).toContain('  step loops: 20 + depth 1 = 21 (read ×4) · 400 + depth 5 = 405 (mvau ×4) · 20 + depth 13 = 33 (chained: elementwise ×4, write) · 1 loop control');
  });

  it('exploration within 10 % of the board never exceeds it and is faster than PE = SIMD = 1', async () => {
    const base = (await estimate([])).report;
    const { code, report } = await estimate(['--explore', '--budget', '0.1']);
    expect(code).toBe(0);
    for (const k of ['lut', 'bram18', 'uram', 'dsp'] as const) expect(report.utilisation[k].used).toBeLessThanOrEqual(0.1 * report.utilisation[k].available);
    expect(report.estimate.latencyCycles).toBeLessThan(base.estimate.latencyCycles);
    const bigger = (await estimate(['--explore', '--budget', '0.5'])).report;
    expect(bigger.estimate.latencyCycles).toBeLessThanOrEqual(report.estimate.latencyCycles);
  });

  it('--save-folding writes the explored design; --folding with that file (estimate or compile) is exactly that design', async () => {
    const saved = join(dir, 'explored.json');
    const explored = await estimate(['--explore', '--budget', '0.1', '--save-folding', saved]);
    expect(explored.code).toBe(0);
    const file = JSON.parse(readFileSync(saved, 'utf8'));
    // every layer of the estimate is listed by name, with its PE (and SIMD for MVAUs); a layer fused
    // into another runs on that one's lanes, so only the others are compared
    const own = (x: { opType: string; notes: string[] }) => x.opType !== 'StepRegisters' && !x.notes.some((n) => n.startsWith('fused step: runs inside'));
    for (const l of explored.report.estimate.layers.filter(own)) {
      expect(file[l.name], l.name).toMatchObject({ pe: l.pe, ...(l.opType === 'MVAU' ? { simd: l.simd } : {}) });
    }
    const again = await estimate(['--folding', saved]);
    expect(again.report.estimate.latencyCycles).toBe(explored.report.estimate.latencyCycles);
    expect(again.report.estimate.totals).toEqual(explored.report.estimate.totals);
    const out = join(dir, 'compiled');
    const io = capture();
    expect(await main(['compile', path, '--out', out, '--folding', saved, '--no-csim'], io)).toBe(0);
    expect(readFileSync(join(out, 'folding.json'), 'utf8')).toBe(readFileSync(saved, 'utf8'));
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).estimate.latencyCycles).toBe(explored.report.estimate.latencyCycles);
  });

  it('takes a folding file and rejects bad folding and flags with one line', async () => {
    const cfg = join(dir, 'fold.json');
    writeFileSync(cfg, JSON.stringify({ MatMul_n_6_mvau: { pe: 4, simd: 5 } }));
    const { code, report } = await estimate(['--folding', cfg]);
    expect(code).toBe(0);
    expect(report.estimate.layers.find((l: { name: string }) => l.name === 'MatMul_n_6_mvau').cycles).toBe(20);
    writeFileSync(cfg, JSON.stringify({ MatMul_n_6_mvau: { pe: 3 } }));
    const bad = await estimate(['--folding', cfg]);
    expect(bad.code).toBe(2); // the folding is part of the command line
    expect(bad.io.stderr.join('\n')).toMatch(/MatMul_n_6_mvau/);
    expect((await estimate(['--board', 'vcu118'])).io.stderr.join('\n')).toMatch(/zcu104/);
    expect((await estimate(['--budget', '2', '--explore'])).code).toBe(2);
  });
});
