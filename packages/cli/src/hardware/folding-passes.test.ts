import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantLstm } from '@scanflow/builders';
import { type ExplorationResult, foldingOf } from '@scanflow/hls-backend';
import { attrInt, forEachGraph, type Model, type Node } from '@scanflow/ir';
import { afterAll, describe, expect, it } from 'vitest';
import { fullRegistry } from '../compose/full-registry';
import { EXPLORATION_RESULT } from './folding-passes';
import { runHardwareFlow } from './hardware-flow';

const W8A6 = { weight: 8, input: 8, hidden: 8, acc: 6, sigmoid: 6, tanh: 6, cell: 6, hiddenTanh: 6 };
const dir = mkdtempSync(join(tmpdir(), 'scanflow-folding-pass-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function layer(model: Model, name: string): Node | undefined {
  let found: Node | undefined;
  forEachGraph(model.graph, (g) => (found ??= g.nodes.find((n) => n.name === name)));
  return found;
}

describe('folding as the last pass of the hardware stage', () => {
  const registry = fullRegistry();
  const model = quantLstm({ inputSize: 10, hiddenSize: 20, seqLen: 10, seed: 2025, quant: W8A6 });

  it('--folding runs apply-folding{file=...}: the stage snapshot (what stages/4-hardware.onnx saves) is the folded model', () => {
    // a path with a space and a comma: written quoted in the pipeline text
    const file = join(dir, 'my fold,1.json');
    writeFileSync(file, JSON.stringify({ MatMul_n_6_mvau: { pe: 4, simd: 5 } }));
    const flow = runHardwareFlow(model, registry, 'zcu104', { folding: file });
    const stage = flow.snapshots[flow.snapshots.length - 1]!;
    expect(stage.pipeline.endsWith(`,apply-folding{file=${JSON.stringify(file)}}`)).toBe(true);
    expect(stage.records[stage.records.length - 1]!.path).toBe('apply-folding');
    for (const m of [stage.model, flow.hardware, flow.hardwareOpen]) {
      const n = layer(m, 'MatMul_n_6_mvau')!;
      expect([attrInt(n, 'pe'), attrInt(n, 'simd')]).toEqual([4, 5]);
    }
    // a U·h gate matrix, 20 × 20: 20 rows / PE 4 × 20 columns / SIMD 5 = 20 cycles per step
    expect(flow.estimate.layers.find((l) => l.name === 'MatMul_n_6_mvau')!.cycles).toBe(20);
  });

  it('--explore runs explore-folding{...}: it publishes the exploration and the stage carries the chosen design', () => {
    const flow = runHardwareFlow(model, registry, 'zcu104', { explore: true, budget: 0.1 });
    const stage = flow.snapshots[flow.snapshots.length - 1]!;
    expect(stage.pipeline.endsWith(',explore-folding{board=zcu104,budget=0.1,target-cycles=0,seq-len=100}')).toBe(true);
    const record = stage.records.find((r) => r.path === 'explore-folding')!;
    const exploration = record.results?.[EXPLORATION_RESULT] as ExplorationResult;
    expect(flow.exploration).toBe(exploration);
    const chosen = foldingOf(stage.model, registry);
    for (const [name, f] of Object.entries(exploration.best.folding)) expect(chosen[name]).toMatchObject(f);
    expect(flow.estimate.latencyCycles).toBe(exploration.best.latencyCycles);
    expect(exploration.best.latencyCycles).toBeLessThan(exploration.points[0]!.latencyCycles);
  });

  it('a bad folding file fails in the pass as a usage error naming the file and the layer', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ no_such_layer: { pe: 2 } }));
    expect(() => runHardwareFlow(model, registry, 'zcu104', { folding: file })).toThrow(expect.objectContaining({ category: 'usage', message: expect.stringMatching(/pass 'apply-folding' failed: folding file '.*bad\.json': .*no_such_layer/) }));
  });
});
