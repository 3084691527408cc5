import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../builder/graph-builder';
import type { Node } from '../../graph/node';
import { attrInt } from '../../graph/attribute';
import { Tensor, toNumbers } from '../../tensor/tensor';
import { inferTypes, type ConstantEvaluator } from '../infer-types';
import { registry, typeIn } from './testing';

/** A tiny evaluator for the three shape-computing ops used below (int64 only, written for this test). */
const evaluate: ConstantEvaluator = (node: Node, inputs) => {
  const ins = inputs.map((t) => (t ? toNumbers(t) : []));
  switch (node.opType) {
    case 'Shape':
      return [Tensor.int64([inputs[0]!.rank], [...inputs[0]!.dims])];
    case 'Gather': {
      const idx = inputs[1]!;
      const vals = ins[1].map((i) => ins[0][i < 0 ? i + ins[0].length : i]);
      return [Tensor.int64([...idx.dims], vals)];
    }
    case 'Concat': {
      if (attrInt(node, 'axis') !== 0) return undefined;
      const all = ins.flat();
      return [Tensor.int64([all.length], all)];
    }
    default:
      return undefined;
  }
};

/** x [2, 3, 4] → Reshape(x, Concat(Gather(Shape(x), [0]), [-1])) — flattens all but the first axis. */
function model() {
  const b = new GraphBuilder('main');
  const x = b.input('x', 'float32', [2, 3, 4]);
  const s = b.op('Shape', [x]);
  const first = b.op('Gather', [s, b.initializer('idx0', Tensor.int64([1], [0]))], { axis: 0 });
  const shape = b.op('Concat', [first, b.initializer('minus1', Tensor.int64([1], [-1]))], { axis: 0 });
  const y = b.op('Reshape', [x, shape], {}, { outputs: ['y'] });
  b.output(y);
  return b.model({ opset: 17 });
}

describe('constant folding through an evaluator', () => {
  it('without an evaluator only the rank of the Reshape is known', () => {
    const m = inferTypes(model(), registry());
    expect(typeIn(m.graph, 'y')).toEqual({ kind: 'tensor', elemType: 'float32', shape: [null, null] });
  });
  it('with one, Shape → Gather → Concat folds and the Reshape resolves', () => {
    const m = inferTypes(model(), registry(), { evaluate });
    expect(typeIn(m.graph, 'y')).toEqual({ kind: 'tensor', elemType: 'float32', shape: [2, 12] });
  });
  it('a Constant node’s value is known without an evaluator', () => {
    const b = new GraphBuilder('main');
    const x = b.input('x', 'float32', [2, 3, 4]);
    const shape = b.op('Constant', [], { value: Tensor.int64([2], [4, -1]) });
    b.output(b.op('Reshape', [x, shape], {}, { outputs: ['y'] }));
    const m = inferTypes(b.model({ opset: 17 }), registry());
    expect(typeIn(m.graph, 'y')).toEqual({ kind: 'tensor', elemType: 'float32', shape: [4, 6] });
  });
  it('Shape of a static shape is a known value without an evaluator', () => {
    const b = new GraphBuilder('main');
    const x = b.input('x', 'float32', [2, 3, 4]);
    const s = b.op('Shape', [x], { start: 1 });
    b.output(b.op('ConstantOfShape', [s], {}, { outputs: ['z'] }));
    const m = inferTypes(b.model({ opset: 17 }), registry());
    expect(typeIn(m.graph, 'z')).toEqual({ kind: 'tensor', elemType: 'float32', shape: [3, 4] });
  });
  it('Shape of a symbolic shape is not', () => {
    const b = new GraphBuilder('main');
    const x = b.input('x', 'float32', ['N', 3]);
    b.output(b.op('ConstantOfShape', [b.op('Shape', [x])], {}, { outputs: ['z'] }));
    const m = inferTypes(b.model({ opset: 17 }), registry());
    expect(typeIn(m.graph, 'z')).toEqual({ kind: 'tensor', elemType: 'float32', shape: [null, null] });
  });
});
