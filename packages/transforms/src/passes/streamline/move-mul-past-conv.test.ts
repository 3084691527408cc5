import { GraphBuilder } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { checkPass, f32, randomInputs } from './streamline.test-support';

describe('move-mul-past-conv', () => {
  it('Conv(x·s, W) → Conv(x, W)·s for a per-tensor s (with zero padding)', () => {
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [1, 2, 3, 3]);
    const xs = b.op('Mul', [x, b.scalar('s', 0.125)]);
    b.output(b.op('Conv', [xs, b.initializer('W', f32([1, 2, 2, 2], [1, -2, 3, 1, 0, 2, -1, 1]))], { kernel_shape: [2, 2], pads: [1, 1, 1, 1] }), 'float32');
    const r = checkPass(b.model({ opset: 14 }), 'move-mul-past-conv', randomInputs(1, 10, [[1, 2, 3, 3]]));
    expect(r.after.graph.nodes.map((n) => n.opType)).toEqual(['Conv', 'Mul']);
    expect(r.outputs).toEqual(r.before);
  });
});
