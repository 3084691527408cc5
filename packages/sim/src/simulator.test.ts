import { GraphBuilder, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { Simulator } from './simulator';

describe('Simulator', () => {
  it('runs a graph of Identity nodes and traces every value', () => {
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [2]);
    const y = b.op('Identity', [x]);
    const z = b.op('Identity', [y], {}, { outputs: ['z'] });
    b.output(z, 'float32', [2]);
    const sim = new Simulator(b.model());
    const r = sim.run([Tensor.float32([2], [1.5, -2])], { trace: true });
    expect(Array.from(r.outputs[0].data as Float32Array)).toEqual([1.5, -2]);
    expect(r.trace?.entries.map((e) => e.output)).toEqual([y, 'z']);
  });

  it('names the input when its shape is wrong', () => {
    const b = new GraphBuilder('g');
    b.output(b.op('Identity', [b.input('x', 'float32', [2])]));
    const sim = new Simulator(b.model());
    expect(() => sim.run([Tensor.float32([3], [1, 2, 3])])).toThrow(/input 'x': expected float32\[2\], got float32\[3\]/);
  });

  it('names the node whose op has no kernel', () => {
    const b = new GraphBuilder('g');
    b.output(b.op('NoSuchOp', [b.input('x', 'float32', [2])], {}, { name: 'mystery' }));
    expect(() => new Simulator(b.model())).toThrow(/node 'mystery' \(NoSuchOp\).*no kernels registered for NoSuchOp/);
  });
});
