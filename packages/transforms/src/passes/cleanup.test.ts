import { quantLstm, Rng } from '@scanflow/builders';
import { attrGraph, cloneModel, coreOps, createRegistry, forEachGraph, GraphBuilder, type Model, QONNX_DOMAIN, Tensor } from '@scanflow/ir';
import { coreKernels, createConstantEvaluator, Simulator } from '@scanflow/sim';
import { describe, expect, it } from 'vitest';
import { corePasses } from '../builtin-passes';
import { runPipeline } from '../pass-manager';
import { sanitizeName } from './unique-names';

const registry = createRegistry([coreOps(), coreKernels(), corePasses()]);
const evaluate = createConstantEvaluator(registry);
const ops = (m: Model) => m.graph.nodes.map((n) => n.opType);

describe('fold-constants', () => {
  it('folds constant chains into initializers, keeps quantisers, leaves dynamic nodes', () => {
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [2]);
    const c = b.initializer('c', Tensor.float32([2], [1, 2]));
    const d = b.op('Mul', [b.op('Add', [c, c]), c]); // (c + c) · c = [2, 8]
    const s = b.initializer('s', Tensor.scalar('float32', 0.5));
    const q = b.op('QuantizeLinear', [c, s]); // a quantiser of a constant: kept
    const dq = b.op('DequantizeLinear', [q, s]);
    b.output(b.op('Add', [b.op('Add', [x, d]), dq]), 'float32', [2]);
    const m = b.model();
    runPipeline(m, 'fold-constants', { registry, checkStructure: true, evaluate });
    expect(ops(m)).toEqual(['QuantizeLinear', 'DequantizeLinear', 'Add', 'Add']);
    expect(Array.from(m.graph.initializers.get(d)!.data as Float32Array)).toEqual([2, 8]);
  });

  it('folds a quantiser of a scalar constant outside contractions (Brevitas cifg: Quant(1) − i), keeps weight and vector quantisers', () => {
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [1, 2]);
    const quant = (name: string, v: Tensor) =>
      b.op('Quant', [b.initializer(name, v), b.scalar(`${name}_s`, 0.3), b.scalar(`${name}_z`, 0), b.scalar(`${name}_b`, 6)], { signed: 1, narrow: 0, rounding_mode: 'ROUND' }, { domain: QONNX_DOMAIN, name: `q_${name}`, outputs: [`${name}_q`] });
    const one = quant('one', Tensor.scalar('float32', 1)); // read by a Sub: folded
    const w = quant('w', Tensor.float32([2, 2], [1, -1, 0.5, 2])); // a weight: kept
    const scalarW = quant('sw', Tensor.float32([1, 1], [1])); // a scalar read by a MatMul: kept
    const vec = quant('v', Tensor.float32([2], [1, 2])); // a vector: kept
    const y = b.op('Sub', [one, b.op('MatMul', [b.op('MatMul', [x, w]), b.op('Reshape', [scalarW, b.initializer('shape11', Tensor.int64([2], [1, 1]))])])]);
    b.output(b.op('Add', [y, vec]), 'float32', [1, 2]);
    const m = b.model();
    runPipeline(m, 'fold-constants', { registry, checkStructure: true, evaluate });
    expect(m.graph.nodes.filter((n) => n.opType === 'Quant').map((n) => n.name)).toEqual(['q_w', 'q_sw', 'q_v']);
    // round(1 / 0.3) = 3 steps of the float32 scale, within INT6
    expect(Array.from(m.graph.initializers.get(one)!.data as Float32Array)).toEqual([Math.fround(3 * Math.fround(0.3))]);
  });

  it('does nothing (and says so) without an evaluator', () => {
    const b = new GraphBuilder('g');
    const c = b.initializer('c', Tensor.float32([1], [1]));
    b.output(b.op('Add', [c, c]));
    const m = b.model();
    const r = runPipeline(m, 'fold-constants', { registry, checkStructure: true });
    expect(ops(m)).toEqual(['Add']);
    expect(r.records[0].notes).toEqual(['no evaluator was given: nothing folded']);
  });
});

describe('remove-identity and remove-dead-nodes', () => {
  it('rewires readers around Identity, keeps graph output names, drops unused nodes and initializers', () => {
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [2]);
    const a = b.op('Identity', [x]);
    const r = b.op('Relu', [a]);
    b.op('Neg', [b.initializer('unused_w', Tensor.float32([2], [1, 1]))]); // dead
    b.output(b.op('Identity', [r], {}, { outputs: ['y'] }));
    const m = b.model();
    runPipeline(m, 'remove-identity,remove-dead-nodes', { registry, checkStructure: true });
    expect(m.graph.nodes.map((n) => [n.opType, n.inputs, n.outputs])).toEqual([['Relu', ['x'], ['y']]]);
    expect(m.graph.initializers.has('unused_w')).toBe(false);
  });

  it('keeps an outer value a Scan body reads', () => {
    const m = quantLstm({ inputSize: 2, hiddenSize: 3, seqLen: 2 });
    const before = JSON.stringify(ops(m));
    runPipeline(m, 'remove-dead-nodes', { registry, checkStructure: true });
    expect(JSON.stringify(ops(m))).toBe(before);
  });
});

describe('unique-names', () => {
  it.each([
    ['h_t-1', 'h_t_1'],
    ['0abc', 'v_0abc'],
    ['a/b:c', 'a_b_c'],
    ['ok_name', 'ok_name'],
  ])('sanitizeName(%s) = %s', (a, b) => expect(sanitizeName(a)).toBe(b));

  it('makes every node and value name a unique C identifier, keeping the model interface', () => {
    const m = quantLstm({ inputSize: 2, hiddenSize: 3, seqLen: 2 });
    m.graph.nodes.find((n) => n.opType === 'Scan')!.name = '';
    runPipeline(m, 'unique-names', { registry, checkStructure: true });
    const names = new Set<string>();
    forEachGraph(m.graph, (g) => {
      for (const n of g.nodes) {
        expect(n.name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
        expect(names.has(`node:${n.name}`)).toBe(false);
        names.add(`node:${n.name}`);
      }
    });
    expect(m.graph.inputs.map((i) => i.name)).toEqual(['X', 'h0', 'c0']);
    expect(attrGraph(m.graph.nodes.find((n) => n.opType === 'Scan')!, 'body').inputs.map((i) => i.name)).toEqual(['h_t_1', 'c_t_1', 'inp']);
  });
});

describe('cleanup keeps results', () => {
  it('on randomised QCDQ LSTMs, bit for bit', () => {
    const rng = new Rng(5);
    for (let k = 0; k < 5; k++) {
      const F = rng.int(1, 5);
      const H = rng.int(1, 6);
      const T = rng.int(1, 5);
      const m = quantLstm({ inputSize: F, hiddenSize: H, seqLen: T, seed: rng.int(1, 1e6), layers: rng.int(1, 2), quant: { acc: rng.int(2, 8), cell: rng.int(2, 8) } });
      const before = cloneModel(m);
      runPipeline(m, 'cleanup', { registry, checkStructure: true, evaluate });
      const inputs = new Simulator(before).inputNames.map((name) => {
        const dims = (before.graph.inputs.find((i) => i.name === name)!.type as { shape: number[] }).shape;
        return new Tensor('float32', dims, rng.floats(dims.reduce((a, c) => a * c, 1), -2, 2));
      });
      const a = new Simulator(before).run(inputs).outputs;
      const b = new Simulator(m).run(inputs).outputs;
      a.forEach((t, i) => expect(Array.from(b[i].data as Float32Array)).toEqual(Array.from(t.data as Float32Array)));
    }
  });
});
