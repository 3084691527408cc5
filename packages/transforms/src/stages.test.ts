import { coreOps, createRegistry, definePlugin, GraphBuilder, Node } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { corePasses } from './builtin-passes';
import { definePass, type PassDefinition } from './pass';
import { PipelineOrderError } from './pipeline/order-steps';
import { fixpointMembers, runStages, stagePipelines } from './stages';

/** The stage pipelines scanflow ran as fixed strings before they were assembled from the registry (independent reference). */
const FIXED_PIPELINES = {
  import: 'normalize-opset,freeze-initializer-inputs,annotate-multithreshold-outputs,cleanup,lower-lstm,lower-rnn,lower-quant-lstm-cell,cleanup,require-lowered',
  qonnx: 'qcdq-to-quant,push-quant-through-data-movement,inline-scan-constants,cleanup,infer-datatypes',
  streamlined: 'quantize-cell-boundary,extract-conv-bias,fold-quant-weights,scan-channel-layout,quant-to-multithreshold,streamline,round-thresholds,infer-shapes,infer-datatypes,minimize-widths',
  hardware: 'to-hw-layers,merge-threshold-stages,hoist-recurrence-inputs,merge-threshold-stages,scan-to-recurrence,dedupe-nodes,collapse-layout,insert-duplicate-streams,infer-shapes',
};

/** A test pass that appends a marker node, so that where it ran is visible in the model. */
function marker(name: string, extra: Partial<PassDefinition> = {}): PassDefinition {
  return definePass({
    name,
    description: `marks ${name}`,
    run(model) {
      model.graph.nodes.push(new Node({ opType: 'Marker', name }));
      return { changed: true };
    },
    ...extra,
  });
}

const core = () => createRegistry([coreOps(), corePasses()]);

describe('stage pipelines from the registry', () => {
  it("the built-in passes' placements give exactly the fixed pipelines", () => {
    expect(stagePipelines(core())).toEqual(FIXED_PIPELINES);
  });

  it("the streamline fixpoint's members come from the registry, in order", () => {
    expect(fixpointMembers(core(), 'streamline')).toEqual([
      'sub-to-add',
      'move-mul-past-fork',
      'move-mul-past-invariants',
      'grid-product-into-multithreshold',
      'move-mul-past-matmul',
      'move-mul-past-conv',
      'move-mul-past-mul',
      'move-mul-past-add',
      'collapse-repeated-mul',
      'collapse-repeated-add',
      'absorb-add-into-multithreshold',
      'absorb-mul-into-multithreshold',
      'move-mul-into-scan',
      'integerize-scan-state',
    ]);
  });

  it("a plugin's pass placed in a stage runs in runStages, where its ordering puts it", () => {
    const registry = core().use(
      definePlugin({
        name: 'test-plugin',
        passes: [
          marker('lower-test', { placement: { stage: 'import', after: ['lower-rnn'], before: ['lower-quant-lstm-cell'] } }),
          marker('first-test', { placement: { stage: 'qonnx', order: 'pre' } }),
          marker('last-test', { placement: { stage: 'hardware', order: 'post' } }),
        ],
      }),
    );
    const p = stagePipelines(registry);
    expect(p.import).toBe(FIXED_PIPELINES.import.replace('lower-rnn,', 'lower-rnn,lower-test,'));
    expect(p.qonnx).toBe(`first-test,${FIXED_PIPELINES.qonnx}`);
    expect(p.hardware).toBe(`${FIXED_PIPELINES.hardware},last-test`);
    const b = new GraphBuilder('g');
    b.output(b.op('Relu', [b.input('x', 'float32', [2])]), 'float32');
    const snaps = runStages(b.model({ opset: 14 }), { registry, pipelines: { streamlined: '' } });
    const ran = (stage: string) => snaps.find((s) => s.stage === stage)!.records.map((r) => r.path);
    expect(ran('import').filter((p) => p.endsWith('-test'))).toEqual(['lower-test']);
    expect(ran('import').indexOf('lower-test')).toBe(ran('import').indexOf('lower-rnn') + 1);
    expect(ran('qonnx')[0]).toBe('first-test');
    expect(ran('hardware').at(-1)).toBe('last-test');
  });

  it('runStages still takes a pipeline as text for any stage', () => {
    const registry = core().use(definePlugin({ name: 'test-plugin', passes: [marker('only')] }));
    const b = new GraphBuilder('g');
    b.output(b.op('Relu', [b.input('x', 'float32', [2])]), 'float32');
    const snaps = runStages(b.model({ opset: 14 }), { registry, pipelines: { import: 'only,only', qonnx: '', streamlined: '', hardware: '' } });
    expect(snaps.map((s) => s.pipeline)).toEqual(['only,only', '', '', '']);
  });

  it('refuses unknown names, pre / post conflicts and cycles, naming the passes', () => {
    const withPasses = (...passes: PassDefinition[]) => core().use(definePlugin({ name: 'bad-plugin', passes }));
    expect(() => stagePipelines(withPasses(marker('x', { placement: { stage: 'qonnx', after: ['no-such-pass'] } })))).toThrow(PipelineOrderError);
    expect(() => stagePipelines(withPasses(marker('x', { placement: { stage: 'qonnx', after: ['no-such-pass'] } })))).toThrow(/step 'x' \(from pass 'x' of bad-plugin\) runs after 'no-such-pass', which is no step of this pipeline/);
    expect(() => stagePipelines(withPasses(marker('x', { placement: { stage: 'qonnx', order: 'pre', after: ['qcdq-to-quant'] } })))).toThrow(/'qcdq-to-quant' \(unmarked\) cannot run before 'x' \(pre\)/);
    expect(() =>
      stagePipelines(withPasses(marker('x', { placement: { stage: 'hardware', after: ['y'] } }), marker('y', { placement: { stage: 'hardware', after: ['x'] } }))),
    ).toThrow(/'hardware' stage pipeline: the before \/ after constraints of 'x' \(from pass 'x' of bad-plugin\), 'y' \(from pass 'y' of bad-plugin\) form a cycle/);
    expect(() => fixpointMembers(withPasses(marker('x', { fixpoint: { of: 'streamline', before: ['x2'] } })), 'streamline')).toThrow(/'streamline' fixpoint: step 'x' .* runs before 'x2'/);
  });
});
