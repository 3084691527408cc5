import { GraphBuilder, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { checkPass, randomInputs } from './streamline.test-support';

describe('move-mul-past-invariants', () => {
  it('moves a per-tensor scale past Transpose and Reshape', () => {
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [2, 3]);
    const t = b.op('Transpose', [b.op('Mul', [x, b.scalar('s', 0.5)])], { perm: [1, 0] });
    b.output(b.op('Reshape', [t, b.initializer('shape', Tensor.int64([1], [6]))]), 'float32');
    const r = checkPass(b.model({ opset: 14 }), 'move-mul-past-invariants', randomInputs(1, 10, [[2, 3]]));
    expect(r.after.graph.nodes.map((n) => n.opType)).toEqual(['Transpose', 'Reshape', 'Mul']);
    expect(r.outputs).toEqual(r.before);
  });
});
