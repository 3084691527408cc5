import { GraphBuilder } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { checkPass, opCounts, randomInputs } from './streamline.test-support';

function model(sa: number, sb: number) {
  const b = new GraphBuilder('g');
  const x = b.input('x', 'float32', [4]);
  const y = b.input('y', 'float32', [4]);
  b.output(b.op('Add', [b.op('Mul', [x, b.scalar('a', sa)]), b.op('Mul', [y, b.scalar('b', sb)])]), 'float32');
  return b.model({ opset: 14 });
}

describe('move-mul-past-add', () => {
  it('x·s + y·s → (x + y)·s', () => {
    const r = checkPass(model(0.25, 0.25), 'move-mul-past-add', randomInputs(1, 20, [[4], [4]]).map((p) => p.map((t) => t)));
    expect(r.after.graph.nodes.map((n) => n.opType)).toEqual(['Add', 'Mul']);
    expect(r.outputs).toEqual(r.before);
  });

  it('different scales stay before the Add, with a note', () => {
    const r = checkPass(model(0.25, 0.5), 'move-mul-past-add', []);
    expect(r.changed).toBe(false);
    expect(opCounts(r.after.graph)).toEqual({ Mul: 2, Add: 1 });
    expect(r.notes.join()).toMatch(/different scales/);
  });
});
