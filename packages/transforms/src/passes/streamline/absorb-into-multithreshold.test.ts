import { attr, GraphBuilder, QONNX_DOMAIN, type Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { checkPass, f32, opCounts, randomInputs } from './streamline.test-support';

const T = f32([1, 7], [-1.5, -0.75, -0.2, 0, 0.3, 0.9, 1.75]);

/** x → [integer MT] → op(·, c) → MT(T): the absorbed constant sits between an (optional) integer source and the MT. */
function model(op: 'Add' | 'Mul', c: Tensor, integerInput: boolean) {
  const b = new GraphBuilder('g');
  let x = b.input('x', 'float32', [1, 3, 4]);
  // levels -8..7 of the input: an integer-valued MT input after absorption
  if (integerInput) x = b.op('MultiThreshold', [x, b.initializer('Tin', f32([1, 15], Array.from({ length: 15 }, (_, k) => k - 7)))], { out_dtype: 'INT4', out_bias: attr.float(-8) }, { domain: QONNX_DOMAIN });
  const v = b.op(op, [x, b.initializer('c', c)]);
  b.output(b.op('MultiThreshold', [v, b.initializer('T', T)], { out_dtype: 'UINT3' }, { domain: QONNX_DOMAIN }), 'float32');
  return b.model({ opset: 14, opsets: { [QONNX_DOMAIN]: 1 } });
}

describe('absorb-add-into-multithreshold / absorb-mul-into-multithreshold', () => {
  const inputs = randomInputs(3, 300, [[1, 3, 4]], -9, 9);
  it.each([
    ['Add', f32([], [0.37]), false],
    ['Add', f32([3, 1], [0.1, -0.6, 1.3]), false],
    ['Add', f32([3, 1], [0.1, -0.6, 1.3]), true],
    ['Mul', f32([], [0.3]), false],
    ['Mul', f32([3, 1], [0.3, 0.07, 1.9]), true],
    ['Mul', f32([], [0.25]), true],
  ] as const)('%s by %j (integer input: %s): the op disappears, the outputs stay bit-equal', (op, c, integer) => {
    const r = checkPass(model(op, c, integer), op === 'Add' ? 'absorb-add-into-multithreshold' : 'absorb-mul-into-multithreshold', inputs);
    expect(opCounts(r.after.graph)[op]).toBeUndefined();
    const mt = r.after.graph.nodes[r.after.graph.nodes.length - 1];
    const t = r.after.graph.initializers.get(mt.inputs[1])!;
    expect(t.dims).toEqual([c.size === 1 ? 1 : 3, 7]);
    if (integer) expect(Array.from(t.data as Float32Array).every((v) => Number.isInteger(v))).toBe(true);
    expect(r.outputs).toEqual(r.before);
  });

  it('exact arithmetic: T - b and T / s, rounded up onto the integer grid', () => {
    const r = checkPass(model('Mul', f32([], [0.25]), true), 'absorb-mul-into-multithreshold', []);
    const mt = r.after.graph.nodes[r.after.graph.nodes.length - 1];
    // ceil(T / 0.25) = ceil([-6, -3, -0.8, 0, 1.2, 3.6, 7]), clipped to [-8, 8]
    expect(Array.from(r.after.graph.initializers.get(mt.inputs[1])!.data as Float32Array, (v) => v + 0)).toEqual([-6, -3, 0, 0, 2, 4, 7]);
  });

  it('a negative scale or a constant that is not per channel is left (with a note)', () => {
    const neg = checkPass(model('Mul', f32([], [-0.5]), false), 'absorb-mul-into-multithreshold', []);
    expect(neg.changed).toBe(false);
    expect(neg.notes.join()).toMatch(/non-positive/);
    const per = checkPass(model('Add', f32([1, 4], [1, 2, 3, 4]), false), 'absorb-add-into-multithreshold', []);
    expect(per.changed).toBe(false);
    expect(per.notes.join()).toMatch(/neither per tensor nor per channel/);
  });

  it('a per-row constant on a column [C, 1] in the main graph is absorbed through a [1, C, 1] reshape', () => {
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [3, 1]);
    const v = b.op('Add', [x, b.initializer('c', f32([3, 1], [0.5, -1, 2]))]);
    b.output(b.op('MultiThreshold', [v, b.initializer('T', T)], { out_dtype: 'UINT3' }, { domain: QONNX_DOMAIN }), 'float32', [3, 1]);
    const r = checkPass(b.model({ opset: 14, opsets: { [QONNX_DOMAIN]: 1 } }), 'absorb-add-into-multithreshold', randomInputs(4, 100, [[3, 1]], -4, 4));
    expect(opCounts(r.after.graph)).toEqual({ Reshape: 2, MultiThreshold: 1 });
    expect(r.outputs).toEqual(r.before);
  });
});
