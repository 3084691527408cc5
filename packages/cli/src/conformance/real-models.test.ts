import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasCppCompiler } from '@scanflow/hls-backend';
import { type Graph, Node } from '@scanflow/ir';
import { loadModel, saveModel } from '@scanflow/onnx-io';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../program';
import { capture } from '../testing/capture-io.test-support';

/**
 * Every model in ../shared/conformance/finn-gl and ../shared/conformance/brevitas (read in place;
 * models scanflow was not developed against): each either compiles with the g++ C-simulation
 * completed by the host part bit-exact against the original model (on inputs meeting the flow's
 * preconditions; against the cell-quantised model with --cell-quant w8a6 where the cell is float),
 * or is refused with exit code 1 and a one-line reason.
 */

const ROOT = '../shared/conformance';

interface Case {
  file: string;
  /** Compiles as is (and is bit-exact against the original). */
  compiles?: boolean;
  /** Refused without --cell-quant (float cell), then compiles with it, bit-exact against the cell-quantised model. */
  cellQuant?: boolean;
  /** Refused outright: the reason. */
  refused?: RegExp;
  /** Sequence lengths the C-simulation checks (two when the model leaves it open). */
  seqLens?: number[];
}

const CASES: Case[] = [
  { file: 'finn-gl/lstm_scan_node_model_without_clip.onnx', compiles: true, seqLens: [8, 4] },
  { file: 'finn-gl/quantize-lstm-full-graph-test-no-identity.onnx', compiles: true },
  { file: 'finn-gl/quantize-lstm-no-bias-no-weight-graph.onnx', cellQuant: true },
  { file: 'finn-gl/quant_lstm_weight_only_4b.onnx', cellQuant: true },
  { file: 'finn-gl/lstm-gate-sigmoid.onnx', refused: /reads the model input 'X' raw — a float with no quantiser/ },
  { file: 'finn-gl/quant_threshold_finn_onnx.onnx', refused: /reads the model input 'h_t-1' raw — a float with no quantiser/ },
  { file: 'brevitas/brevitas_qlstm_10x20_w8a6.onnx', cellQuant: true },
  { file: 'brevitas/brevitas_qlstm_10x20_w8a6_qonnx.onnx', cellQuant: true },
  { file: 'brevitas/brevitas_qlstm_2layer.onnx', cellQuant: true },
  { file: 'brevitas/brevitas_qlstm_10x20_w8a6_fullquant_qonnx.onnx', compiles: true },
];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function compile(file: string, extra: string[]): Promise<{ code: number; io: ReturnType<typeof capture>; out: string; report?: { csim?: { passed: boolean; cases: { seqLen?: number; vsReference: { exact: boolean; total: number } }[] } } }> {
  const out = mkdtempSync(join(tmpdir(), 'scanflow-real-'));
  dirs.push(out);
  const io = capture();
  const code = await main(['compile', file.startsWith('/') ? file : `${ROOT}/${file}`, '--board', 'zcu104', '--out', out, '--force', '--seq-len', '8', ...extra], io);
  let report;
  try {
    report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  } catch {
    report = undefined;
  }
  return { code, io, out, report };
}

describe.skipIf(!hasCppCompiler())('real models through the whole flow, or a clear refusal', () => {
  it('covers every model of the two conformance folders', async () => {
    const { readdirSync } = await import('node:fs');
    const all = ['finn-gl', 'brevitas'].flatMap((d) => readdirSync(`${ROOT}/${d}`).filter((f) => f.endsWith('.onnx')).map((f) => `${d}/${f}`));
    expect(CASES.map((c) => c.file).sort()).toEqual(all.sort());
  });

  for (const c of CASES) {
    it(`${c.file}: ${c.compiles ? 'compiles, C-simulation bit-exact against the original' : c.cellQuant ? 'float cell: refused without --cell-quant, bit-exact against the cell-quantised model with it' : 'refused with exit 1 and the reason'}`, async () => {
      if (c.refused) {
        const r = await compile(c.file, []);
        expect(r.code).toBe(1);
        expect(r.io.stderr).toHaveLength(1);
        expect(r.io.stderr[0]).toMatch(c.refused);
        return;
      }
      if (c.cellQuant) {
        const refused = await compile(c.file, []);
        expect(refused.code).toBe(1);
        expect(refused.io.stderr.join('\n')).toMatch(/is not quantised .* --cell-quant w8a6/);
      }
      const r = await compile(c.file, c.cellQuant ? ['--cell-quant', 'w8a6'] : []);
      expect(r.code, r.io.stderr.join('\n')).toBe(0);
      const csim = r.report!.csim!;
      expect(csim.passed).toBe(true);
      for (const k of csim.cases) {
        expect(k.vsReference.exact).toBe(true);
        expect(k.vsReference.total).toBeGreaterThan(0);
      }
      if (c.seqLens) expect(csim.cases.map((k) => k.seqLen)).toEqual(c.seqLens);
      expect(r.io.stdout.join('\n')).toContain(c.cellQuant ? 'against the cell-quantised model' : 'against the original model');
    });
  }

  // the Brevitas QuantLSTMCell export with the cell's other options set (QUANTLSTMCELL.md): the coupled
  // input-forget gate (f = Quant(1) − i: the quantised constant folds, then streamlines like 1 − z),
  // the reverse direction (reverse_input) and batch-first layout (x / y as [N, T, ·], Transposes
  // around the cell keep the model's interface) — each compiles, bit-exact against that variant
  const perm = { type: 'ints' as const, value: [1n, 0n, 2n] };
  it.each<[string, (g: Graph, cell: Node) => void]>([
    ['cifg = 1 (coupled input-forget gate)', (_, cell) => cell.attributes.set('cifg', { type: 'int', value: 1n })],
    ['reverse_input = 1 (reverse direction)', (_, cell) => cell.attributes.set('reverse_input', { type: 'int', value: 1n })],
    [
      'batch_first = 1 (x and y as [N, T, ·])',
      (g, cell) => {
        cell.attributes.set('batch_first', { type: 'int', value: 1n });
        const [x, y] = [cell.inputs[0]!, cell.outputs[0]!];
        cell.inputs[0] = 'x_batch_first';
        cell.outputs[0] = 'y_batch_first';
        const before = new Node({ opType: 'Transpose', inputs: [x], outputs: ['x_batch_first'], name: 'to_batch_first', attributes: new Map([['perm', perm]]) });
        const after = new Node({ opType: 'Transpose', inputs: ['y_batch_first'], outputs: [y], name: 'from_batch_first', attributes: new Map([['perm', perm]]) });
        g.nodes.splice(g.nodes.indexOf(cell), 1, before, cell, after);
      },
    ],
  ])('brevitas QuantLSTMCell with %s: compiles, C-simulation bit-exact against the original', async (name, change) => {
    const model = loadModel(`${ROOT}/brevitas/brevitas_qlstm_10x20_w8a6_fullquant_qonnx.onnx`);
    change(model.graph, model.graph.nodes.find((n) => n.opType === 'QuantLSTMCell')!);
    const dir = mkdtempSync(join(tmpdir(), 'scanflow-real-variant-'));
    dirs.push(dir);
    const path = join(dir, `${name.split(' ')[0]}.onnx`);
    saveModel(model, path);
    const r = await compile(path, []);
    expect(r.code, r.io.stderr.join('\n')).toBe(0);
    const csim = r.report!.csim!;
    expect(csim.passed).toBe(true);
    for (const k of csim.cases) expect(k.vsReference.exact).toBe(true);
    expect(r.io.stdout.join('\n')).toContain('against the original model');
  });

  // the explored designs of models we did not build: the step's levels chained into one loop, the
  // thresholds applied as the exploration chose, still bit-exact against the (cell-quantised) original
  it.each([
    ['finn-gl/lstm_scan_node_model_without_clip.onnx', []],
    ['brevitas/brevitas_qlstm_10x20_w8a6_fullquant_qonnx.onnx', []],
    ['brevitas/brevitas_qlstm_2layer.onnx', ['--cell-quant', 'w8a6']],
  ])('%s explored (--budget 0.3, extra flags %j): chained step, C-simulation bit-exact', async (file, extra) => {
    const r = await compile(file, ['--explore', '--budget', '0.3', ...extra]);
    expect(r.code, r.io.stderr.join('\n')).toBe(0);
    const csim = r.report!.csim!;
    expect(csim.passed).toBe(true);
    for (const k of csim.cases) expect(k.vsReference.exact).toBe(true);
    const { readdirSync } = await import('node:fs');
    const steps = readdirSync(join(r.out, 'hls', 'src', 'layers')).filter((f) => f.startsWith('rec_'));
    expect(steps.length).toBeGreaterThan(0);
    for (const f of steps) expect(readFileSync(join(r.out, 'hls', 'src', 'layers', f), 'utf8')).toContain('(chained levels)');
  });
});
