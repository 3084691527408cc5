import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantConvLstm } from '@scanflow/builders';
import { builtinHwRegistry, foldableLayers, hasCppCompiler } from '@scanflow/hls-backend';
import { loadModel, saveModel } from '@scanflow/onnx-io';
import { describe, expect, it } from 'vitest';
import { main } from '../program';
import { capture } from '../testing/capture-io.test-support';

/**
 * The recurrence at speed on the ConvLSTM builder model (hidden 32, 8-bit cell, T = 100): the
 * exploration within 50 % of every XCZU7EV resource reaches ≤ 20 µs end to end at 200 MHz
 * (ESTIMATE: ≤ 4,000 cycles), and the g++ C-simulation of the generated C++ is bit-exact — against
 * the simulated hardware stage and, with the host part, against the original model — at
 * PE = SIMD = 1, at that explored folding and fully parallel (over the board: --allow-overbudget).
 */
const gxx = hasCppCompiler();
const CLOCK_MHZ = 200; // the ZCU104 design clock the estimates assume
const TARGET_US = 20;

describe('ConvLSTM builder model (hidden 32, T = 100) at speed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scanflow-convlstm-target-'));
  const model = join(dir, 'convlstm.onnx');
  saveModel(quantConvLstm({}), model);
  const explored = join(dir, 'explored.json');

  interface EstimateJson {
    kind: string;
    estimate: { latencyCycles: number; recurrences: { steps: number; stepCycles: number }[] };
    utilisation: Record<string, { percent: number }>;
  }
  /** `estimate --explore --budget 0.5 --save-folding`, once: its JSON report. */
  let exploration: Promise<{ code: number; stderr: string[]; report: EstimateJson }> | undefined;
  const explore = () =>
    (exploration ??= (async () => {
      const io = capture();
      const code = await main(['estimate', model, '--explore', '--budget', '0.5', '--save-folding', explored, '--json'], io);
      return { code, stderr: io.stderr, report: JSON.parse(code === 0 ? io.stdout.join('\n') : 'null') as EstimateJson };
    })());

  it('explored within 50 % of the board: ≤ 20 µs at 200 MHz, every resource ≤ 50 % (ESTIMATES)', async () => {
    const { code, stderr, report } = await explore();
    expect(stderr).toEqual([]);
    expect(code).toBe(0);
    expect(report.kind).toBe('ESTIMATE');
    expect(report.estimate.latencyCycles).toBeLessThanOrEqual(TARGET_US * CLOCK_MHZ);
    for (const kind of ['lut', 'ff', 'bram18', 'uram', 'dsp']) expect(report.utilisation[kind].percent, kind).toBeLessThanOrEqual(50);
    // the step runs at most 39 cycles (100 steps + fill and drain within 4,000 cycles)
    const [rec] = report.estimate.recurrences;
    expect(rec!.steps).toBe(100);
    expect(rec!.stepCycles).toBeLessThan(40);
  }, 120_000);

  /** Every foldable layer at its largest PE / SIMD, named from the hardware stage (compiled without C-simulation). */
  async function fullyParallel(): Promise<string[]> {
    const stage = join(dir, 'stage');
    expect(await main(['compile', model, '--out', stage, '--no-csim', '--force'], capture())).toBe(0);
    const hw = loadModel(join(stage, 'stages', '4-hardware.onnx'));
    const folding = Object.fromEntries(foldableLayers(hw, builtinHwRegistry()).map((l) => [l.node.name, { pe: l.pe[l.pe.length - 1], ...(l.simd ? { simd: l.simd[l.simd.length - 1] } : {}) }]));
    const path = join(dir, 'parallel.json');
    writeFileSync(path, JSON.stringify(folding));
    return ['--folding', path, '--allow-overbudget'];
  }

  describe.skipIf(!gxx)('g++ C-simulation bit-exact', () => {
    const foldings: [string, () => Promise<string[]>][] = [
      ['PE = SIMD = 1', async () => []],
      [
        'the folding explored within 50 %',
        async () => {
          expect((await explore()).code).toBe(0);
          return ['--folding', explored];
        },
      ],
      ['fully parallel (over the board)', fullyParallel],
    ];

    it.each(foldings)('%s', async (name, args) => {
      const out = join(dir, `out-${name.replace(/\W+/g, '-')}`);
      const io = capture();
      const code = await main(['compile', model, '--out', out, ...(await args())], io);
      expect(io.stderr, io.stderr.join('\n')).toEqual([]);
      expect(code).toBe(0);
      const text = io.stdout.join('\n');
      expect(text).toMatch(/C-simulation \(g\+\+, SIMULATION\): accelerator ports bit-exact — \d+ output elements compared with the simulated hardware stage, 0 mismatches/);
      expect(text).toMatch(/completed by the host part.*: bit-exact against the original model/);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
      expect(report.csim).toMatchObject({ kind: 'SIMULATION', passed: true, mismatches: 0 });
    }, 300_000);
  });
});
