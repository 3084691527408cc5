import { coreOps, createRegistry, GraphBuilder, LimitError, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { createConstantEvaluator } from '../constant-evaluator';
import { coreKernels } from '../core-kernels';
import { Simulator } from '../simulator';

const registry = createRegistry([coreOps(), coreKernels()]);

function caught(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

/** rss growth while running fn, in MB (a coarse check that nothing big was allocated). */
function rssGrowth(fn: () => void): number {
  const before = process.memoryUsage().rss;
  fn();
  return (process.memoryUsage().rss - before) / 2 ** 20;
}

describe('the element limit', () => {
  it('refuses ConstantOfShape to [32768, 32768] (a ~100-byte model) before allocating 4 GB', () => {
    const b = new GraphBuilder('g');
    const shape = b.initializer('shape', new Tensor('int64', [2], BigInt64Array.of(32768n, 32768n)));
    b.output(b.op('ConstantOfShape', [shape], {}, { outputs: ['big'], name: 'fill' }));
    let e: Error | undefined;
    expect(rssGrowth(() => (e = caught(() => new Simulator(b.model(), { registry }))))).toBeLessThan(200);
    expect(e).toBeInstanceOf(LimitError);
    expect(e!.message).toMatch(/node 'fill' \(ConstantOfShape\): output 'big' would have shape \[32768, 32768\] = 1073741824 elements, over the limit maxTensorElements = 67108864 .*--max-elements/);
  });

  it('refuses Expand of a runtime input to a huge shape, and allows it when the limit is raised', () => {
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [1, 1]);
    const shape = b.initializer('shape', new Tensor('int64', [2], BigInt64Array.of(3000n, 3000n)));
    b.output(b.op('Expand', [x, shape], {}, { outputs: ['y'], name: 'grow' }));
    const small = new Simulator(b.model(), { registry, maxTensorElements: 1_000_000 });
    const e = caught(() => small.run([Tensor.float32([1, 1], [2])]));
    expect(e).toBeInstanceOf(LimitError);
    expect((e as LimitError).limit).toBe('maxTensorElements');
    expect(e.message).toMatch(/node 'grow' \(Expand\): output 'y' would have shape \[3000, 3000\] = 9000000 elements, over the limit maxTensorElements = 1000000/);
    const big = new Simulator(b.model(), { registry, maxTensorElements: 10_000_000 });
    expect(big.run([Tensor.float32([1, 1], [2])]).outputs[0].dims).toEqual([3000, 3000]);
  });

  it('refuses broadcasting that squares the size (an outer sum)', () => {
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [5000, 1]);
    const y = b.input('y', 'float32', [1, 5000]);
    b.output(b.op('Add', [x, y], {}, { outputs: ['z'] }));
    const sim = new Simulator(b.model(), { registry, maxTensorElements: 1_000_000 });
    expect(caught(() => sim.run([Tensor.zeros('float32', [5000, 1]), Tensor.zeros('float32', [1, 5000])]))).toBeInstanceOf(LimitError);
  });

  it('bounds what a Scan stacks across its iterations', () => {
    const body = new GraphBuilder('body');
    const s = body.input('s', 'float32', [1000]);
    const xi = body.input('xi', 'float32', []);
    body.op('Identity', [s], {}, { outputs: ['s_out'] });
    body.op('Add', [s, xi], {}, { outputs: ['y_i'] });
    body.output('s_out');
    body.output('y_i');
    const b = new GraphBuilder('main');
    b.input('s0', 'float32', [1000]);
    b.input('xs', 'float32', [2000]);
    b.node('Scan', ['s0', 'xs'], { num_scan_inputs: 1, body: body.graph }, { outputs: ['s_final', 'ys'], name: 'loop' });
    b.output('s_final');
    b.output('ys');
    const sim = new Simulator(b.model(), { registry, maxTensorElements: 1_000_000 });
    const e = caught(() => sim.run([Tensor.zeros('float32', [1000]), Tensor.zeros('float32', [2000])]));
    expect(e).toBeInstanceOf(LimitError);
    expect(e.message).toMatch(/stacking 2000 steps of \[1000\] would make 2000000 elements, over the limit maxTensorElements = 1000000/);
  });

  it('applies to constant folding', () => {
    const b = new GraphBuilder('g');
    const shape = b.initializer('shape', new Tensor('int64', [2], BigInt64Array.of(32768n, 32768n)));
    b.output(b.op('ConstantOfShape', [shape]));
    const node = b.graph.nodes[0];
    const evaluate = createConstantEvaluator(registry);
    expect(caught(() => evaluate(node, [b.graph.initializers.get('shape')!], 17))).toBeInstanceOf(LimitError);
    const small = new Tensor('int64', [2], BigInt64Array.of(2n, 3n));
    expect(evaluate(node, [small], 17)![0].dims).toEqual([2, 3]);
  });
});
