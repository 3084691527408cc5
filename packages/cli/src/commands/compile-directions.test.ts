import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantLstm, Rng } from '@scanflow/builders';
import { hasCppCompiler } from '@scanflow/hls-backend';
import { attr, GraphBuilder, type Model, Tensor } from '@scanflow/ir';
import { saveModel } from '@scanflow/onnx-io';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../program';
import { capture } from '../testing/capture-io.test-support';

/**
 * Recurrences walked backwards reach the hardware too: hoisting keeps a sequence's direction (a
 * hoisted W·x of a reverse Scan is a reverse sequence input of the Recurrence), and the two
 * directions of a bidirectional layer — each fed by its own host quantiser — become two independent
 * pipelines of one accelerator. Checked end to end: the g++ C-simulation, completed by the host part,
 * against the original (or cell-quantised) model.
 */
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A float ONNX LSTM, both directions, batch 1 (T 6, I 3, H 4), seeded weights. */
function bidirectionalLstm(): Model {
  const rng = new Rng(5);
  const [T, I, H] = [6, 3, 4];
  const t = (dims: number[], lo: number, hi: number): Tensor => new Tensor('float32', dims, rng.floats(dims.reduce((a, b) => a * b, 1), lo, hi));
  const b = new GraphBuilder('bilstm');
  const x = b.input('X', 'float32', [T, 1, I]);
  const w = b.initializer('W', t([2, 4 * H, I], -0.5, 0.5));
  const r = b.initializer('R', t([2, 4 * H, H], -0.5, 0.5));
  const bias = b.initializer('B', t([2, 8 * H], -0.2, 0.2));
  for (const o of b.node('LSTM', [x, w, r, bias], { hidden_size: attr.int(H), direction: attr.string('bidirectional') }, { outputs: ['Y', 'Y_h', 'Y_c'] })) b.output(o);
  return b.model({ opset: 14 });
}

async function compile(model: Model, extra: string[]): Promise<{ code: number; text: string; stderr: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'scanflow-dir-'));
  dirs.push(dir);
  saveModel(model, join(dir, 'model.onnx'));
  const io = capture();
  const code = await main(['compile', join(dir, 'model.onnx'), '--out', join(dir, 'out'), ...extra], io);
  return { code, text: io.stdout.join('\n'), stderr: io.stderr };
}

describe.skipIf(!hasCppCompiler())('recurrence directions in hardware', () => {
  it('a reverse quantised LSTM (QCDQ in a reverse Scan): one Recurrence, C-simulation bit-exact against the original', async () => {
    const r = await compile(quantLstm({ inputSize: 3, hiddenSize: 4, seqLen: 5, seed: 3, reverse: true }), []);
    expect(r.stderr, r.text).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.text.match(/^ {2}recurrence /gm)).toHaveLength(1);
    expect(r.text).toMatch(/completed by the host part at sequence length 5: bit-exact against the original model/);
  });

  it('a bidirectional float LSTM with --cell-quant w8a6: two Recurrences side by side, C-simulation bit-exact against the cell-quantised model', async () => {
    const r = await compile(bidirectionalLstm(), ['--cell-quant', 'w8a6']);
    expect(r.stderr, r.text).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.text.match(/^ {2}recurrence /gm)).toHaveLength(2);
    expect(r.text).toMatch(/C-simulation \(g\+\+, SIMULATION\): accelerator ports bit-exact/);
    expect(r.text).toMatch(/completed by the host part at sequence length 6: bit-exact against the cell-quantised model/);
  });
});
