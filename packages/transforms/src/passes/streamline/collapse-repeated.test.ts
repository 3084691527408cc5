import { GraphBuilder } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { checkPass, f32, opCounts, randomInputs } from './streamline.test-support';

function chain(op: 'Mul' | 'Add', a: number, c: number, intInput = false) {
  const b = new GraphBuilder('g');
  let x = b.input('x', 'float32', [4]);
  if (intInput) x = b.op('MultiThreshold', [x, b.initializer('T', f32([1, 3], [-1, 0, 1]))], { out_dtype: 'UINT2' }, { domain: 'qonnx.custom_op.general' });
  b.output(b.op(op, [b.op(op, [x, b.scalar('a', a)]), b.scalar('c', c)]), 'float32');
  return b.model({ opset: 14, opsets: { 'qonnx.custom_op.general': 1 } });
}

describe('collapse-repeated-mul / collapse-repeated-add', () => {
  it('merges two Muls when one factor is a power of two (exact)', () => {
    const r = checkPass(chain('Mul', 0.25, 0.3), 'collapse-repeated-mul', randomInputs(1, 20, [[4]]));
    expect(opCounts(r.after.graph)).toEqual({ Mul: 1 });
    expect(r.outputs).toEqual(r.before);
  });
  it('keeps two Muls whose merge would round differently', () => {
    expect(checkPass(chain('Mul', 0.3, 0.7), 'collapse-repeated-mul', []).changed).toBe(false);
  });
  it('merges integer Adds on an integer value, keeps float ones', () => {
    const r = checkPass(chain('Add', 3, -5, true), 'collapse-repeated-add', randomInputs(2, 20, [[4]]));
    expect(opCounts(r.after.graph)).toEqual({ MultiThreshold: 1, Add: 1 });
    expect(r.outputs).toEqual(r.before);
    expect(checkPass(chain('Add', 0.3, 0.1), 'collapse-repeated-add', []).changed).toBe(false);
  });
});
