import { hasCppCompiler } from '@scanflow/hls-backend';
import type { Plugin } from '@scanflow/ir';
import { STAGES } from '@scanflow/transforms';
import { describe, it } from 'vitest';
import { checkPluginModel, type PluginModelCase, type PluginModelReport } from './check-plugin-model';

export interface PluginModelsTest {
  /** The describe block's name (default: the plugins' names). */
  name?: string;
  plugins: readonly Plugin[];
  cases: readonly PluginModelCase[];
  /** Per-test timeout in ms (default 120 000: a C-simulation compiles C++). */
  timeout?: number;
}

/**
 * Declares vitest tests for a plugin, in the spirit of typescript-eslint's RuleTester: for each case
 * a `describe` with one `it` per stage of the flow (each stage's simulated results against the
 * original model — against the cell-quantised model after a cell-quant stage), and, with
 * `csim: true`, one for the g++ C-simulation of the hardware stage (skipped when no C++ compiler
 * is installed). A failure names the stage, the first pass and the first element that differ.
 *
 * ```ts
 * import { testPluginModels } from '@scanflow/testing';
 * import gru, { quantGru } from 'scanflow-plugin-gru';
 *
 * testPluginModels({ plugins: [gru()], cases: [{ name: 'quantised GRU', model: () => quantGru({ inputSize: 3, hiddenSize: 4, seqLen: 5 }), csim: true }] });
 * ```
 */
export function testPluginModels(test: PluginModelsTest): void {
  const timeout = test.timeout ?? 120_000;
  describe(test.name ?? `plugin ${test.plugins.map((p) => p.name).join(', ')}`, () => {
    for (const c of test.cases) {
      describe(c.name, () => {
        let report: PluginModelReport | undefined;
        const get = (): PluginModelReport => (report ??= checkPluginModel(test.plugins, c));
        const stages = STAGES.filter((s) => s !== 'cell-quant' || c.cellQuant !== undefined);
        it('goes through every stage', () => {
          const r = get();
          if (r.error) throw new Error(`the flow stopped: ${r.error}`);
          const missing = stages.filter((s) => !r.stages.some((x) => x.stage === s));
          if (missing.length) throw new Error(`stage(s) ${missing.join(', ')} did not run`);
        }, timeout);
        for (const stage of stages) {
          it(`stage '${stage}' agrees with its reference on the simulator`, () => {
            const s = get().stages.find((x) => x.stage === stage);
            if (!s) throw new Error(`stage '${stage}' did not run${get().error ? `: ${get().error}` : ''}`);
            if (!s.ok) throw new Error(`stage '${stage}'${s.pass ? `, pass '${s.pass}'` : ''} differs from the ${s.reference}: ${s.detail}`);
          }, timeout);
        }
        if (c.csim) {
          it.skipIf(!hasCppCompiler())('the g++ C-simulation of the hardware stage is bit-exact against the simulator (SIMULATION)', () => {
            const r = get();
            if (!r.csim) throw new Error(`no C-simulation: ${r.error ?? 'the flow did not reach the hardware stage'}`);
            if (!r.csim.ok) throw new Error(`C-simulation: ${r.csim.detail}`);
          }, timeout);
        }
      });
    }
  });
}
