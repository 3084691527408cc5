import { GraphBuilder, QONNX_DOMAIN, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { checkPass, f32, opCounts, randomInputs } from './streamline.test-support';

/** y = op(Quant(W), x) with W's quantiser given; returns the model. */
function model(opType: 'MatMulWx' | 'MatMulxW' | 'Conv', w: Tensor, scale: Tensor, bits: number, xShape: number[], bias?: Tensor) {
  const b = new GraphBuilder('g');
  const x = b.input('x', 'float32', xShape);
  const W = b.initializer('W', w);
  const wq = b.op('Quant', [W, b.initializer('s', scale), b.scalar('z', 0), b.scalar('b', bits)], { signed: 1, narrow: 1, rounding_mode: 'ROUND' }, { domain: QONNX_DOMAIN });
  let y: string;
  if (opType === 'MatMulWx') y = b.op('MatMul', [wq, x]);
  else if (opType === 'MatMulxW') y = b.op('MatMul', [x, wq]);
  else y = b.op('Conv', [x, wq, ...(bias ? [b.initializer('B', bias)] : [])], { kernel_shape: [1, 2] });
  b.output(y, 'float32');
  return b.model({ opset: 14, opsets: { [QONNX_DOMAIN]: 1 } });
}

const W34 = f32([3, 4], [0.31, -0.72, 0.05, 0.9, -0.44, 0.18, -0.97, 0.6, 0.27, -0.35, 0.81, -0.12]);

describe('fold-quant-weights', () => {
  it('MatMul(Wq, x), per-tensor scale: integer INT4 weights, scalar Mul after the MatMul, same outputs', () => {
    const m = model('MatMulWx', W34, Tensor.scalar('float32', 0.125), 4, [4, 2]);
    const r = checkPass(m, 'fold-quant-weights', randomInputs(1, 20, [[4, 2]]));
    expect(opCounts(r.after.graph)).toEqual({ MatMul: 1, Mul: 1 });
    const mm = r.after.graph.nodes.find((n) => n.opType === 'MatMul')!;
    const w = r.after.graph.initializers.get(mm.inputs[0])!;
    // round(W / 0.125) clamped to the narrow INT4 range [-7, 7]
    expect(Array.from(w.data as Float32Array)).toEqual([2, -6, 0, 7, -4, 1, -7, 5, 2, -3, 6, -1]);
    expect(r.after.graph.getDataType(mm.inputs[0])?.name).toBe('INT4');
    const mul = r.after.graph.nodes.find((n) => n.opType === 'Mul')!;
    expect(mul.inputs[0]).toBe(mm.outputs[0]);
    expect(r.after.graph.initializers.get(mul.inputs[1])!.dims).toEqual([]);
    // power-of-two scale: the products are exact, so the outputs are bit-equal
    expect(r.outputs).toEqual(r.before);
  });

  it('MatMul(Wq, x), per-row scale: the scale becomes a column multiplying the result', () => {
    const m = model('MatMulWx', W34, f32([3, 1], [0.125, 0.25, 0.0625]), 4, [4, 2]);
    const r = checkPass(m, 'fold-quant-weights', randomInputs(2, 20, [[4, 2]]));
    const mul = r.after.graph.nodes.find((n) => n.opType === 'Mul')!;
    expect(r.after.graph.initializers.get(mul.inputs[1])!.dims).toEqual([3, 1]);
    expect(r.outputs).toEqual(r.before);
  });

  it('MatMul(x, Wq), per-column scale; non-power-of-two scales agree to float32 rounding', () => {
    const w = f32([4, 3], Array.from(W34.data as Float32Array));
    const m = model('MatMulxW', w, f32([1, 3], [0.13, 0.27, 0.071]), 5, [2, 4]);
    const r = checkPass(m, 'fold-quant-weights', randomInputs(3, 20, [[2, 4]]));
    const mul = r.after.graph.nodes.find((n) => n.opType === 'Mul')!;
    expect(r.after.graph.initializers.get(mul.inputs[1])!.dims).toEqual([1, 3]);
    r.outputs.forEach((o, i) => o[0].forEach((v, k) => expect(v).toBeCloseTo(r.before[i][0][k], 5)));
  });

  it('leaves a scale that varies along the contracted axis (with a note)', () => {
    const m = model('MatMulWx', W34, f32([1, 4], [0.1, 0.2, 0.3, 0.4]), 4, [4, 2]);
    const r = checkPass(m, 'fold-quant-weights', []);
    expect(r.changed).toBe(false);
    expect(r.notes.join()).toMatch(/varies along the contracted axis/);
  });

  it('Conv: per-output-channel scale moves after the Conv as [1, C, 1, 1]; a bias must be extracted first', () => {
    const w = f32([2, 1, 1, 2], [0.5, -0.26, 0.77, 0.1]);
    const s = f32([2, 1, 1, 1], [0.0625, 0.125]);
    const withBias = model('Conv', w, s, 4, [1, 1, 3, 6], f32([2], [0.3, -0.2]));
    const r0 = checkPass(withBias, 'fold-quant-weights', []);
    expect(r0.changed).toBe(false);
    expect(r0.notes.join()).toMatch(/extract-conv-bias/);
    const r = checkPass(withBias, 'extract-conv-bias,fold-quant-weights', randomInputs(4, 10, [[1, 1, 3, 6]]));
    expect(opCounts(r.after.graph)).toEqual({ Conv: 1, Mul: 1, Add: 1 });
    const mul = r.after.graph.nodes.find((n) => n.opType === 'Mul')!;
    expect(r.after.graph.initializers.get(mul.inputs[1])!.dims).toEqual([1, 2, 1, 1]);
    r.outputs.forEach((o, i) => o[0].forEach((v, k) => expect(v).toBeCloseTo(r.before[i][0][k], 5)));
  });

  it('a unit scale leaves no Mul', () => {
    const m = model('MatMulWx', f32([2, 2], [1.2, -3.7, 2.5, 0.4]), Tensor.scalar('float32', 1), 3, [2, 1]);
    const r = checkPass(m, 'fold-quant-weights', randomInputs(5, 5, [[2, 1]]));
    expect(opCounts(r.after.graph)).toEqual({ MatMul: 1 });
    expect(r.outputs).toEqual(r.before);
  });

  it('never moves a per-tensor scale past a Concat of differently scaled weights (Brevitas exports concatenate per-gate weights)', () => {
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [2, 1]);
    const quant = (name: string, w: number[], s: number) =>
      b.op('Quant', [b.initializer(name, f32([1, 2], w)), b.scalar(`${name}_s`, s), b.scalar(`${name}_z`, 0), b.scalar(`${name}_b`, 4)], { signed: 1, narrow: 1, rounding_mode: 'ROUND' }, { domain: QONNX_DOMAIN });
    const w = b.op('Concat', [quant('Wa', [0.5, -0.25], 0.125), quant('Wb', [1.5, 0.75], 0.25)], { axis: 0 });
    b.output(b.op('MatMul', [w, x]), 'float32');
    const m = b.model({ opset: 14, opsets: { [QONNX_DOMAIN]: 1 } });
    const r = checkPass(m, 'fold-quant-weights', randomInputs(6, 10, [[2, 1]]));
    expect(r.changed).toBe(false);
    expect(r.notes.join()).toMatch(/Concat consumers are not handled/);
    expect(r.outputs).toEqual(r.before);
  });
});
