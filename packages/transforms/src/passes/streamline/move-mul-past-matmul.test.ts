import { GraphBuilder, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { checkPass, f32, opCounts, randomInputs } from './streamline.test-support';

function model(slot: 0 | 1, scale: Tensor) {
  const b = new GraphBuilder('g');
  const x = b.input('x', 'float32', slot === 1 ? [3, 2] : [2, 3]);
  const w = b.initializer('W', slot === 1 ? f32([4, 3], [1, -2, 3, 0, 5, -1, 2, 2, -3, 4, 1, 0]) : f32([3, 4], [1, -2, 3, 0, 5, -1, 2, 2, -3, 4, 1, 0]));
  const xs = b.op('Mul', [x, b.initializer('s', scale)]);
  b.output(b.op('MatMul', slot === 1 ? [w, xs] : [xs, w]), 'float32');
  return b.model({ opset: 14 });
}

describe('move-mul-past-matmul', () => {
  it.each([
    ['MatMul(W, x·s), per tensor', 1, Tensor.scalar('float32', 0.25)],
    ['MatMul(W, x·s), per column of x', 1, f32([1, 2], [0.5, 0.125])],
    ['MatMul(x·s, W), per row of x', 0, f32([2, 1], [0.5, 2])],
  ] as const)('%s: the Mul moves after the MatMul', (_, slot, s) => {
    const shape = slot === 1 ? [3, 2] : [2, 3];
    const r = checkPass(model(slot, s), 'move-mul-past-matmul', randomInputs(1, 20, [shape]));
    const [first, second] = r.after.graph.nodes;
    expect([first.opType, second.opType]).toEqual(['MatMul', 'Mul']);
    expect(r.outputs).toEqual(r.before);
  });

  it('a scale varying along the contracted axis stays', () => {
    const r = checkPass(model(1, f32([3, 1], [0.5, 1, 2])), 'move-mul-past-matmul', []);
    expect(r.changed).toBe(false);
    expect(opCounts(r.after.graph)).toEqual({ Mul: 1, MatMul: 1 });
  });
});
