import { GraphBuilder } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { checkPass, f32, randomInputs } from './streamline.test-support';

describe('extract-conv-bias', () => {
  it('Conv(x, W, B) → Conv(x, W) + B[C, 1, 1]', () => {
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [1, 1, 3, 4]);
    b.output(b.op('Conv', [x, b.initializer('W', f32([2, 1, 1, 2], [0.5, -1, 2, 0.25])), b.initializer('B', f32([2], [0.3, -0.7]))], { kernel_shape: [1, 2] }), 'float32');
    const r = checkPass(b.model({ opset: 14 }), 'extract-conv-bias', randomInputs(1, 10, [[1, 1, 3, 4]]));
    expect(r.after.graph.nodes.map((n) => n.opType)).toEqual(['Conv', 'Add']);
    expect(r.after.graph.initializers.get(r.after.graph.nodes[1].inputs[1])!.dims).toEqual([2, 1, 1]);
    // the Conv kernel added the bias before rounding to float32, the Add after: equal up to the last bit
    r.outputs.forEach((o, i) => o[0].forEach((v, k) => expect(v).toBeCloseTo(r.before[i][0][k], 5)));
  });
});
