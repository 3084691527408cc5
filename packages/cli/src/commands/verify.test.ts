import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantLstm } from '@scanflow/builders';
import { definePlugin, forEachGraph, Node, Tensor } from '@scanflow/ir';
import { saveModel } from '@scanflow/onnx-io';
import { definePass, type Stage } from '@scanflow/transforms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../program';
import { capture } from '../testing/capture-io.test-support';

let dir: string;
let path: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scanflow-verify-'));
  path = join(dir, 'lstm.onnx');
  saveModel(quantLstm({ inputSize: 4, hiddenSize: 5, seqLen: 6, seed: 9 }), path);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A pass placed last in `stage` that only counts its runs. */
function counter(stage: Stage, runs: Record<string, number>) {
  const name = `count-${stage}`;
  return definePass({ name, description: 'counts its runs', placement: { stage, order: 'post' }, run: () => ((runs[stage] = (runs[stage] ?? 0) + 1), { changed: false }) });
}

/** A pass placed in the streamlined stage that adds 1 to the model's first output: a wrong rewrite, structurally valid. */
const shiftOutput = definePass({
  name: 'shift-output',
  description: 'adds 1 to the first graph output (a deliberately wrong rewrite)',
  placement: { stage: 'streamlined', order: 'post', before: ['count-streamlined'] },
  run(model) {
    const g = model.graph;
    const y = g.outputs[0]!.name;
    const producer = g.nodes.find((n) => n.outputs.includes(y))!;
    producer.outputs[producer.outputs.indexOf(y)] = `${y}_unshifted`;
    g.initializers.set('one_for_shift', Tensor.float32([], [1]));
    g.nodes.push(new Node({ opType: 'Add', name: 'shift', inputs: [`${y}_unshifted`, 'one_for_shift'], outputs: [y] }));
    g.setDataType(y, undefined);
    return { changed: true };
  },
});

describe('scanflow verify localises a divergence by re-running only the stage that diverged', () => {
  it('names the stage and the pass; the stages before it are not run again', async () => {
    const runs: Record<string, number> = {};
    const plugin = definePlugin({ name: 'verify-test', passes: [counter('import', runs), counter('qonnx', runs), counter('streamlined', runs), counter('hardware', runs), shiftOutput] });
    const io = capture();
    expect(await main(['verify', path, '--no-csim', '--allow-host-ops'], { io, plugins: [plugin] })).toBe(1);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/^scanflow: model error \[VERIFY_FAILED\]: stage 'streamlined', pass 'shift-output' diverges/);
    expect(io.stdout.join('\n')).toMatch(/first divergence: stage 'streamlined', pass 'shift-output'/);
    // the flow ran every stage once; the re-run started from the qonnx snapshot: only the streamlined stage again
    expect(runs).toEqual({ import: 1, qonnx: 1, streamlined: 2, hardware: 1 });
  });

  it('without the wrong pass every stage agrees and nothing is re-run', async () => {
    const runs: Record<string, number> = {};
    const plugin = definePlugin({ name: 'verify-test', passes: [counter('import', runs), counter('qonnx', runs), counter('streamlined', runs), counter('hardware', runs)] });
    const io = capture();
    expect(await main(['verify', path, '--no-csim'], { io, plugins: [plugin] })).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/first divergence: none/);
    expect(runs).toEqual({ import: 1, qonnx: 1, streamlined: 1, hardware: 1 });
  });

  it('the structural verifier is on: a pass that breaks the model is named (exit 70, an internal error of the pass)', async () => {
    const breaks = definePass({
      name: 'drop-an-input',
      description: 'removes the second input of the first MatMul, in the Scan body (deliberately broken)',
      placement: { stage: 'qonnx', order: 'post' },
      run(model) {
        let done = false;
        forEachGraph(model.graph, (g) => {
          for (const n of g.nodes) if (!done && n.opType === 'MatMul') ((n.inputs = n.inputs.slice(0, 1)), (done = true));
        });
        return { changed: done };
      },
    });
    const io = capture();
    expect(await main(['verify', path, '--no-csim'], { io, plugins: [definePlugin({ name: 'broken', passes: [breaks] })] })).toBe(70);
    expect(io.stderr.join('\n')).toMatch(/pass 'drop-an-input' broke the model \(structural verifier, rule op-arity\): .*MatMul.*has 1 inputs, expected 2/);
  });
});
