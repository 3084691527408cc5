import { attr, coreOps, createRegistry, GraphBuilder, type Plugin } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { corePasses } from '../builtin-passes';
import { runPipeline } from '../pass-manager';
import { stagePipelines } from '../stages';

/** A GRU node (the ONNX schema is known, no built-in pass lowers it) in a model of its own. */
function gruModel() {
  const b = new GraphBuilder('g');
  const x = b.input('X', 'float32', [2, 1, 3]);
  const w = b.input('W', 'float32', [1, 6, 3]);
  const r = b.input('R', 'float32', [1, 6, 2]);
  b.node('GRU', [x, w, r], { hidden_size: attr.int(2) }, { outputs: ['Y'], name: 'my_gru' });
  b.output('Y', 'float32', [2, 1, 1, 2]);
  return b.model({ opset: 14 });
}

describe('require-lowered', () => {
  it('ends the import stage', () => {
    expect(stagePipelines(createRegistry([coreOps(), corePasses()])).import).toMatch(/,require-lowered$/);
  });

  it('a node of an op that needs lowering and that no pass lowered: one line naming the node and the op', () => {
    const registry = createRegistry([coreOps(), corePasses()]);
    expect(() => runPipeline(gruModel(), stagePipelines(registry).import!, { registry })).toThrow(
      /^pass 'require-lowered' failed: node 'my_gru' \(GRU\): no registered pass lowers GRU .*load a plugin that lowers GRU/,
    );
  });

  it('a node of such an op passes when some plugin implements the op as a hardware layer', () => {
    // a plugin's hardware layer for GRU (an hls-backend contribution; only its key matters here)
    const hwGru = { name: 'hw-gru', hwLayers: [{ domain: '', opType: 'GRU' }] } as unknown as Plugin;
    const registry = createRegistry([coreOps(), corePasses(), hwGru]);
    expect(() => runPipeline(gruModel(), 'require-lowered', { registry })).not.toThrow();
  });
});
