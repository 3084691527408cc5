import { attr, GraphBuilder } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { fullRegistry } from '../compose/full-registry';
import { hostOps } from './host-ops';

describe('hostOps', () => {
  it('an op of the ONNX RNN family left on the host is compute (by its needsLowering trait), a Transpose is not', () => {
    const b = new GraphBuilder('g');
    const x = b.input('X', 'float32', [2, 1, 3]);
    const w = b.input('W', 'float32', [1, 6, 3]);
    const r = b.input('R', 'float32', [1, 6, 2]);
    b.node('GRU', [x, w, r], { hidden_size: attr.int(2) }, { outputs: ['Y'], name: 'gru' });
    b.output(b.op('Transpose', ['Y'], { perm: attr.ints([1, 0, 2, 3]) }, { name: 'tr', outputs: ['Z'] }), 'float32', [1, 2, 1, 2]);
    const ops = hostOps(b.model({ opset: 14 }), fullRegistry());
    expect(ops.map((o) => [o.node, o.compute])).toEqual([['gru', true], ['tr', false]]);
    expect(ops[0]!.why).toMatch(/a recurrence left on the host/);
  });
});
