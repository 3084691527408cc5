import { quantLstm, Rng } from '@scanflow/builders';
import { attrGraph, cloneModel, coreOps, createRegistry, forEachGraph, GraphBuilder, type Model, Tensor } from '@scanflow/ir';
import { coreKernels, Simulator } from '@scanflow/sim';
import { describe, expect, it } from 'vitest';
import { corePasses } from '../builtin-passes';
import { runPipeline } from '../pass-manager';
import { gridOfRange } from './qcdq-to-quant';

const registry = createRegistry([coreOps(), coreKernels(), corePasses()]);

function opCounts(model: Model): Record<string, number> {
  const c: Record<string, number> = {};
  forEachGraph(model.graph, (g) => g.nodes.forEach((n) => (c[n.opType] = (c[n.opType] ?? 0) + 1)));
  return c;
}

describe('gridOfRange', () => {
  it.each([
    [-128, 127, { bits: 8, signed: true, narrow: false }],
    [-127, 127, { bits: 8, signed: true, narrow: true }],
    [-32, 31, { bits: 6, signed: true, narrow: false }],
    [0, 63, { bits: 6, signed: false, narrow: false }],
    [0, 254, { bits: 8, signed: false, narrow: true }],
    [-1, 0, { bits: 1, signed: true, narrow: false }],
    [-3, 7, undefined],
    [0, 5, undefined],
  ])('[%d, %d]', (lo, hi, grid) => {
    expect(gridOfRange(lo, hi)).toEqual(grid);
  });
});

describe('qcdq-to-quant', () => {
  it('turns the FINN-GL cell (8-bit, weights narrow) into 22 Quant nodes inside the Scan body (+2 for h0, c0)', () => {
    const model = quantLstm({ inputSize: 10, hiddenSize: 20, seed: 5 });
    runPipeline(model, 'qcdq-to-quant', { registry, checkStructure: true });
    const counts = opCounts(model);
    expect(counts.Quant).toBe(24);
    expect(counts.QuantizeLinear ?? 0).toBe(0);
    expect(counts.DequantizeLinear ?? 0).toBe(0);
    expect(counts.Clip ?? 0).toBe(0);
    const body = attrGraph(model.graph.nodes.find((n) => n.opType === 'Scan')!, 'body');
    const wq = body.nodes.find((n) => n.opType === 'Quant' && n.inputs[0] === 'W_f')!;
    expect(wq.attributes.get('narrow')?.value).toBe(1n);
    expect(wq.attributes.get('signed')?.value).toBe(1n);
    expect(Array.from(body.initializers.get(wq.inputs[3])!.data as Float32Array)).toEqual([8]);
  });

  it('derives bit width, signedness and narrow from the zero point type and the Clip range (W8A6 mixed)', () => {
    const model = quantLstm({ inputSize: 3, hiddenSize: 4, quant: { acc: 6, sigmoid: 4, tanh: 5, cell: 3 } });
    runPipeline(model, 'qcdq-to-quant', { registry, checkStructure: true });
    const body = attrGraph(model.graph.nodes.find((n) => n.opType === 'Scan')!, 'body');
    const bitsOf = (prefix: string) =>
      body.nodes
        .filter((n) => n.opType === 'Quant' && n.outputs[0].startsWith(prefix))
        .map((n) => [(body.initializers.get(n.inputs[3])!.data as Float32Array)[0], Number(n.attributes.get('signed')!.value)]);
    expect(bitsOf('acc_f')).toEqual([[6, 1]]);
    expect(bitsOf('act_f')).toEqual([[4, 0]]);
    expect(bitsOf('act_c')).toEqual([[5, 1]]);
    expect(bitsOf('fc')).toEqual([[3, 1]]);
  });

  it('keeps the simulated outputs of randomised QCDQ LSTMs bit for bit', () => {
    const rng = new Rng(99);
    for (let k = 0; k < 6; k++) {
      const F = rng.int(1, 6);
      const H = rng.int(1, 8);
      const T = rng.int(1, 6);
      const bits = () => rng.int(2, 8);
      const model = quantLstm({ inputSize: F, hiddenSize: H, seqLen: T, seed: rng.int(1, 1e6), quant: { weight: bits(), acc: bits(), sigmoid: bits(), tanh: bits(), cell: bits(), hiddenTanh: bits(), input: bits() } });
      const before = cloneModel(model);
      runPipeline(model, 'qcdq-to-quant', { registry, checkStructure: true });
      const inputs = [new Tensor('float32', [T, F, 1], rng.floats(T * F, -3, 3)), new Tensor('float32', [H, 1], rng.floats(H, -1, 1)), new Tensor('float32', [H, 1], rng.floats(H, -1, 1))];
      const a = new Simulator(before, { registry }).run(inputs).outputs;
      const b = new Simulator(model, { registry }).run(inputs).outputs;
      // Equal as numbers (Quant may give -0 where DequantizeLinear gives +0, as qonnx does).
      a.forEach((t, i) => expect(Array.from(b[i].data as Float32Array, (v) => v + 0)).toEqual(Array.from(t.data as Float32Array, (v) => v + 0)));
    }
  });

  it('converts a dequantised int8 weight and a per-axis QDQ pair', () => {
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [2, 3]);
    const w = b.initializer('w_q', new Tensor('int8', [3, 2], Int8Array.from([-128, 5, 127, 0, -3, 9])));
    const ws = b.initializer('w_s', Tensor.scalar('float32', 0.5));
    const wz = b.initializer('w_z', Tensor.scalar('int8', 0));
    const wd = b.op('DequantizeLinear', [w, ws, wz]);
    const s = b.initializer('s', Tensor.float32([3], [0.1, 0.2, 0.3]));
    const z = b.initializer('z', new Tensor('uint8', [3], Uint8Array.from([0, 0, 0])));
    const q = b.op('QuantizeLinear', [x, s, z], { axis: 1 });
    const d = b.op('DequantizeLinear', [q, s, z], { axis: 1 });
    b.output(b.op('MatMul', [d, wd]), 'float32', [2, 2]);
    const model = b.model({ opset: 13 });
    const before = cloneModel(model);
    runPipeline(model, 'qcdq-to-quant', { registry, checkStructure: true });
    expect(opCounts(model)).toEqual({ Quant: 2, MatMul: 1 });
    const input = [Tensor.float32([2, 3], [0.04, 0.31, -5, 26, 0.55, 0.149])];
    const r0 = new Simulator(before, { registry }).run(input).outputs[0];
    const r1 = new Simulator(model, { registry }).run(input).outputs[0];
    expect(Array.from(r1.data as Float32Array, (v) => v + 0)).toEqual(Array.from(r0.data as Float32Array, (v) => v + 0));
  });
});
