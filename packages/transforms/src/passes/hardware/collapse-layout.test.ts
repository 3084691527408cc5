import { GraphBuilder, type Model, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { registry, run } from '../streamline/streamline.test-support';
import { Simulator } from '@scanflow/sim';

function model(build: (b: GraphBuilder, x: string) => string, shape: number[]): Model {
  const b = new GraphBuilder('g');
  const x = b.input('x', 'float32', shape);
  b.output(b.op('Relu', [build(b, x)]), 'float32');
  return b.model({ opset: 17 });
}

const perm = (p: number[]) => ({ perm: p });

describe('collapse-layout', () => {
  it.each([
    ['transposes that cancel', [1, 3, 4, 2], (b: GraphBuilder, x: string) => b.op('Transpose', [b.op('Transpose', [x], perm([0, 2, 3, 1]))], perm([0, 3, 1, 2])), ['Relu']],
    ['two transposes → one', [2, 3, 4], (b: GraphBuilder, x: string) => b.op('Transpose', [b.op('Transpose', [x], perm([1, 0, 2]))], perm([0, 2, 1])), ['Transpose', 'Relu']],
    ['a transpose moving only a unit dimension → Reshape', [1, 1, 5, 4], (b: GraphBuilder, x: string) => b.op('Transpose', [x], perm([0, 2, 3, 1])), ['Reshape', 'Relu']],
    ['reshape chain → one Reshape', [2, 6], (b: GraphBuilder, x: string) => b.op('Reshape', [b.op('Reshape', [x, b.initializer('s1', Tensor.int64([3], [2, 3, 2]))]), b.initializer('s2', Tensor.int64([2], [4, 3]))]), ['Reshape', 'Relu']],
  ])('%s, same results', (_name, shape, build, expected) => {
    const m = model(build as (b: GraphBuilder, x: string) => string, shape as number[]);
    const out = run(m, 'infer-shapes,collapse-layout').model;
    expect(out.graph.nodes.map((n) => n.opType)).toEqual(expected);
    const n = (shape as number[]).reduce((a, c) => a * c, 1);
    const x = new Tensor('float32', shape as number[], Float32Array.from({ length: n }, (_, i) => i));
    {
      const want = new Simulator(m, { registry }).run([x]).outputs[0];
      const got = new Simulator(out, { registry }).run([x]).outputs[0];
      expect(Array.from(got.data as Float32Array)).toEqual(Array.from(want.data as Float32Array));
      expect(got.dims).toEqual(want.dims);
    }
  });
});
