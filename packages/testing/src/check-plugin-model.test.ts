import { quantLstm } from '@scanflow/builders';
import { hasCppCompiler } from '@scanflow/hls-backend';
import { attr, defineOp, definePlugin, GraphBuilder, Node, type Plugin, Tensor, toNumbers } from '@scanflow/ir';
import { defineKernel } from '@scanflow/sim';
import { definePass } from '@scanflow/transforms';
import { describe, expect, it } from 'vitest';
import { checkPluginModel } from './check-plugin-model';
import { testPluginModels } from './test-plugin-models';

/**
 * The tester on a plugin of its own: an op Scale (y = factor·x, in its own domain) with a kernel, and
 * a pass lowering it to a standard Mul at import. A correct pass passes every stage; a broken one
 * (it writes factor + 1) must be caught at the import stage, naming the pass and the first element.
 */
const DOMAIN = 'org.example.scale';

function scalePlugin(broken: boolean): Plugin {
  return definePlugin({
    name: broken ? 'example-scale-broken' : 'example-scale',
    ops: [defineOp({ domain: DOMAIN, opType: 'Scale', inputs: [1, 1], outputs: [1, 1], attributes: { factor: { type: 'float', required: true } }, inferTypes: (ctx) => [ctx.tensorInput(0)] })],
    kernels: [
      defineKernel({
        domain: DOMAIN,
        opType: 'Scale',
        create: (node) => {
          const f = node.attributes.get('factor')!.value as number;
          return (inputs) => [Tensor.float32([...inputs[0]!.dims], toNumbers(inputs[0]!).map((v) => v * f))];
        },
      }),
    ],
    passes: [
      definePass({
        name: 'lower-scale',
        description: 'Scale → Mul by a constant',
        placement: { stage: 'import', after: ['cleanup'], before: ['cleanup-lowered'] },
        run(model) {
          const g = model.graph;
          let changed = false;
          g.nodes = g.nodes.map((n) => {
            if (n.domain !== DOMAIN || n.opType !== 'Scale') return n;
            const f = (n.attributes.get('factor')!.value as number) + (broken ? 1 : 0);
            const c = `${n.outputs[0]}_factor`;
            g.initializers.set(c, Tensor.scalar('float32', f));
            changed = true;
            return new Node({ opType: 'Mul', name: n.name, inputs: [n.inputs[0]!, c], outputs: [...n.outputs] });
          });
          return { changed };
        },
      }),
    ],
  });
}

function scaleModel() {
  const b = new GraphBuilder('scale');
  const x = b.input('X', 'float32', [2, 3]);
  b.output(b.op('Scale', [x], { factor: attr.float(0.5) }, { domain: DOMAIN, name: 'scale', outputs: ['Y'] }), 'float32', [2, 3]);
  return b.model({ opset: 17, opsets: { [DOMAIN]: 1 } });
}

describe('checkPluginModel', () => {
  it('a correct plugin pass: every stage runs and agrees with the original', () => {
    const r = checkPluginModel([scalePlugin(false)], { name: 'scale', model: scaleModel });
    expect(r.error).toBeUndefined();
    expect(r.stages.map((s) => [s.stage, s.ok])).toEqual([['import', true], ['qonnx', true], ['streamlined', true], ['hardware', true]]);
  });

  it('a broken plugin pass is caught: the import stage differs, naming the pass and the first element', () => {
    const r = checkPluginModel([scalePlugin(true)], { name: 'scale', model: scaleModel });
    const imp = r.stages.find((s) => s.stage === 'import')!;
    expect(imp.ok).toBe(false);
    expect(imp.pass).toBe('lower-scale');
    expect(imp.reference).toBe('original model');
    // seeded input element 0 is x; the original gives 0.5·x, the broken pass 1.5·x
    expect(imp.detail).toMatch(/^output 'Y' element 0: -?[0-9.e-]+, expected -?[0-9.e-]+$/);
    const [got, want] = imp.detail!.match(/-?[0-9.]+(e-?\d+)?/g)!.slice(1).map(Number);
    expect(got! / want!).toBeCloseTo(3, 5);
  });

  it('a pass that throws stops the flow: the error names the pass', () => {
    const plugin = scalePlugin(false);
    const throwing = definePlugin({ name: 'thrower', passes: [definePass({ name: 'always-fails', description: 'x', placement: { stage: 'qonnx', order: 'pre' }, run: () => { throw new Error('no way'); } })] });
    const r = checkPluginModel([plugin, throwing], { name: 'scale', model: scaleModel });
    expect(r.error).toMatch(/always-fails.*no way|no way/);
    expect(r.stages.map((s) => s.stage)).toEqual([]);
  });

  it.skipIf(!hasCppCompiler())('with csim: the quantised LSTM builder model through every stage and a bit-exact g++ C-simulation', () => {
    const r = checkPluginModel([], { name: 'qlstm', model: () => quantLstm({ inputSize: 2, hiddenSize: 2, seqLen: 3, seed: 4 }), csim: true });
    expect(r.error).toBeUndefined();
    expect(r.stages.every((s) => s.ok)).toBe(true);
    expect(r.csim?.ok, r.csim?.detail).toBe(true);
    expect(r.csim?.detail).toMatch(/^\d+ output elements, 0 mismatch/);
  }, 120_000);
});

// The vitest form, as a plugin package uses it: these blocks run as tests of this file.
testPluginModels({ name: 'testPluginModels on a correct plugin', plugins: [scalePlugin(false)], cases: [{ name: 'Scale by 0.5', model: scaleModel, inputs: [[Tensor.float32([2, 3], [1, -2, 3, 0.5, 0, 7])]] }] });
