import { cloneModel, coreOps, createRegistry, GraphBuilder, type Model, Tensor } from '@scanflow/ir';
import { coreKernels, createConstantEvaluator, Simulator } from '@scanflow/sim';
import { describe, expect, it } from 'vitest';
import { corePasses } from '../builtin-passes';
import { runPipeline } from '../pass-manager';

const registry = createRegistry([coreOps(), coreKernels(), corePasses()]);
const evaluate = createConstantEvaluator(registry);

/** One-op models at an old opset: [label, opset, build(b, x) → output]. */
type Build = (b: GraphBuilder, x: string) => string | string[];
const CASES: [string, number, number[], Build][] = [
  ['Clip-6 with min and max', 6, [2, 3], (b, x) => b.op('Clip', [x], { min: -0.5, max: 0.75 })],
  ['Clip-6 with max only', 6, [2, 3], (b, x) => b.op('Clip', [x], { max: 0.25 })],
  ['Unsqueeze-11', 11, [2, 3], (b, x) => b.op('Unsqueeze', [x], { axes: [0, 3] })],
  ['Squeeze-11', 11, [1, 3, 1], (b, x) => b.op('Squeeze', [x], { axes: [0, -1] })],
  ['ReduceSum-11', 11, [2, 3, 4], (b, x) => b.op('ReduceSum', [x], { axes: [1], keepdims: 0 })],
  ['Split-11', 11, [6, 2], (b, x) => b.node('Split', [x], { axis: 0, split: [1, 2, 3] }, { outputCount: 3 })],
  ['Slice-9', 9, [4, 5], (b, x) => b.op('Slice', [x], { starts: [1, 0], ends: [3, 100], axes: [0, 1] })],
  ['Pad-2', 2, [2, 3], (b, x) => b.op('Pad', [x], { pads: [0, 1, 1, 0], mode: 'constant', value: 1.5 })],
  ['Softmax-11 over the last axis', 11, [2, 3], (b, x) => b.op('Softmax', [x], { axis: 1 })],
  ['Softmax-11 flattening at axis 1 of a rank-3 input', 11, [2, 3, 4], (b, x) => b.op('Softmax', [x], { axis: 1 })],
  ['LogSoftmax-9 default axis on rank 3', 9, [2, 2, 3], (b, x) => b.op('LogSoftmax', [x])],
  ['Dropout-10 with ratio', 10, [2, 3], (b, x) => b.op('Dropout', [x], { ratio: 0.3 })],
];

function build(opset: number, shape: number[], f: Build): Model {
  const b = new GraphBuilder('g');
  const x = b.input('x', 'float32', shape);
  const outs = f(b, x);
  for (const o of Array.isArray(outs) ? outs : [outs]) b.output(o);
  return b.model({ opset });
}

describe('normalize-opset', () => {
  it.each(CASES)('%s: same results at opset 14', (_, opset, shape, f) => {
    const model = build(opset, shape, f);
    const before = cloneModel(model);
    runPipeline(model, 'normalize-opset', { registry, evaluate });
    expect(model.opsetVersion('')).toBe(14);
    const n = shape.reduce((a, c) => a * c, 1);
    const x = Tensor.float32(shape, Array.from({ length: n }, (_, i) => Math.sin(i * 1.7) * 2));
    const a = new Simulator(before).run([x]).outputs;
    const b = new Simulator(model).run([x]).outputs;
    expect(b.map((t) => [t.dims, Array.from(t.data as Float32Array)])).toEqual(a.map((t) => [t.dims, Array.from(t.data as Float32Array)]));
  });

  it('moves attribute operands to inputs', () => {
    const model = build(11, [2, 3], (b, x) => b.op('Unsqueeze', [x], { axes: [0] }));
    runPipeline(model, 'normalize-opset', { registry, evaluate });
    const n = model.graph.nodes[0];
    expect(n.attributes.has('axes')).toBe(false);
    expect(Array.from(model.graph.initializers.get(n.inputs[1])!.data as BigInt64Array)).toEqual([0n]);
  });

  it('leaves newer models alone and refuses constructs whose meaning would change', () => {
    const m = build(17, [2], (b, x) => b.op('Relu', [x]));
    const r = runPipeline(m, 'normalize-opset', { registry });
    expect(r.records[0].changed).toBe(false);
    expect(m.opsetVersion('')).toBe(17);
    const old = build(6, [2], (b, x) => b.op('Add', [x, b.initializer('c', Tensor.float32([1], [1]))], { broadcast: 1 }));
    expect(() => runPipeline(old, 'normalize-opset', { registry })).toThrow(/Add.*`broadcast` attribute is not converted/);
    expect(() => runPipeline(build(9, [2], (b, x) => b.op('Relu', [x])), 'normalize-opset{target=20}', { registry })).toThrow(/choose an opset from 13 to 17/);
  });
});
