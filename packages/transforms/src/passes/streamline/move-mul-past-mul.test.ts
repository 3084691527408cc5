import { GraphBuilder } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { checkPass, randomInputs } from './streamline.test-support';

describe('move-mul-past-mul', () => {
  it('(x·a) ⊙ (y·b) → ((x ⊙ y)·b)·a: both scales end up after the join', () => {
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [5]);
    const y = b.input('y', 'float32', [5]);
    b.output(b.op('Mul', [b.op('Mul', [x, b.scalar('a', 0.25)]), b.op('Mul', [y, b.scalar('b', 0.125)])]), 'float32');
    const r = checkPass(b.model({ opset: 14 }), 'move-mul-past-mul', randomInputs(1, 20, [[5], [5]]));
    const join = r.after.graph.nodes[0];
    expect(join.inputs).toEqual(['x', 'y']);
    expect(r.after.graph.nodes.map((n) => n.opType)).toEqual(['Mul', 'Mul', 'Mul']);
    expect(r.outputs).toEqual(r.before);
  });
});
