import { cloneModel, definePlugin } from '@scanflow/ir';
import { checkPluginModel, testPluginModels } from '@scanflow/testing';
import { definePass, lowerAllRecurrent, type CellContext } from '@scanflow/transforms';
import { describe, expect, it } from 'vitest';
import gruPlugin, { GRU_OP, gruCell, quantGru } from '../src/index';
import { gruCase } from './gru-case';

/** The plugin under @scanflow/testing: every stage checked against the original on the simulator, and the g++ C-simulation. */
const floatGru = gruCase({ linearBeforeReset: 1, direction: 'forward', sequenceLens: false, batch: 1, seqLen: 5, initialState: false });

testPluginModels({
  plugins: [gruPlugin()],
  cases: [
    { name: 'quantised GRU (builder, linear_before_reset 0)', model: () => quantGru({ inputSize: 3, hiddenSize: 4, seqLen: 4, seed: 11 }), csim: true },
    { name: 'float ONNX GRU (linear_before_reset 1) with cell quantisation w8a6', model: () => cloneModel(floatGru.model), inputs: [[floatGru.feeds.get('X')!]], cellQuant: 'w8a6', csim: true },
  ],
});

describe('@scanflow/testing catches a broken GRU lowering', () => {
  it('a cell that forgets the update gate (h_t = h̃) diverges at the import stage, in lower-gru', () => {
    const brokenCell = (c: CellContext): string[] => {
      gruCell(c);
      // the candidate alone: the last activation the real cell wrote
      const act = c.body.target.nodes.filter((n) => n.opType === 'Tanh').at(-1)!;
      return [act.outputs[0]!];
    };
    const broken = definePlugin({
      name: 'broken-gru',
      passes: [definePass({ name: 'lower-gru', description: 'broken', placement: { stage: 'import', after: ['cleanup'], before: ['cleanup-lowered'] }, run: (m, ctx) => lowerAllRecurrent(m, ctx, GRU_OP, brokenCell) })],
    });
    const c = gruCase({ linearBeforeReset: 0, direction: 'forward', sequenceLens: false });
    const r = checkPluginModel([broken], { name: 'broken', model: c.model, inputs: [[...c.feeds.values()]] });
    const imp = r.stages.find((s) => s.stage === 'import')!;
    expect(imp.ok).toBe(false);
    expect(imp.pass).toBe('lower-gru');
    expect(imp.detail).toMatch(/^output 'Y' element \d+: /);
  });
});
