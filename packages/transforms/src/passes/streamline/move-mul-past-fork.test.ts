import { GraphBuilder } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { checkPass, f32, opCounts, randomInputs } from './streamline.test-support';

describe('move-mul-past-fork', () => {
  it('duplicates a scale read by several MatMuls, then each copy moves on', () => {
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [3, 1]);
    const xs = b.op('Mul', [x, b.scalar('s', 0.5)]);
    for (const k of [0, 1, 2]) b.output(b.op('MatMul', [b.initializer(`W${k}`, f32([2, 3], [1, k, -1, 2, 0, k])), xs]), 'float32');
    const m = b.model({ opset: 14 });
    const fork = checkPass(m, 'move-mul-past-fork', randomInputs(1, 10, [[3, 1]]));
    expect(opCounts(fork.after.graph)).toEqual({ Mul: 3, MatMul: 3 });
    expect(fork.outputs).toEqual(fork.before);
    const moved = checkPass(m, 'move-mul-past-fork,move-mul-past-matmul', randomInputs(2, 10, [[3, 1]]));
    expect(moved.after.graph.nodes.filter((n) => n.opType === 'Mul').every((n) => n.inputs[0].includes('unscaled'))).toBe(true);
    expect(moved.outputs).toEqual(moved.before);
  });

  it('keeps a scale whose readers include an op it cannot move past', () => {
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [3, 1]);
    const xs = b.op('Mul', [x, b.scalar('s', 0.5)]);
    b.output(b.op('Sigmoid', [xs]), 'float32');
    b.output(b.op('MatMul', [b.initializer('W', f32([2, 3], [1, 2, 3, 4, 5, 6])), xs]), 'float32');
    expect(checkPass(b.model({ opset: 14 }), 'move-mul-past-fork', []).changed).toBe(false);
  });
});
