import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../builder/graph-builder';
import type { AttributeInput } from '../../graph/attribute';
import type { Graph } from '../../graph/graph';
import { Tensor } from '../../tensor/tensor';
import { inferTypes } from '../infer-types';
import { registry, typeIn } from './testing';

/** Body: (s, x_t) → (s + x_t, x_t · w) where w is read from an enclosing graph. */
function accumulateBody(outer: string): Graph {
  const b = new GraphBuilder('body');
  const s = b.input('s', 'float32');
  const x = b.input('x_t', 'float32');
  const s2 = b.op('Add', [s, x], {}, { outputs: ['s_next'] });
  const y = b.op('Mul', [x, outer], {}, { outputs: ['y_t'] });
  b.output(s2);
  b.output(y);
  return b.graph;
}

function scanModel(xShape: number[], attrs: Record<string, AttributeInput>, opset = 16) {
  const b = new GraphBuilder('main');
  const s0 = b.input('s0', 'float32', [4]);
  const x = b.input('x', 'float32', xShape);
  b.initializer('w', Tensor.float32([4], [1, 2, 3, 4]));
  b.node('Scan', [s0, x], { body: accumulateBody('w'), num_scan_inputs: 1, ...attrs }, { name: 'scan', outputs: ['s_final', 'ys'] });
  const model = b.model({ opset });
  inferTypes(model, registry());
  return model;
}

describe('Scan (opset 9+)', () => {
  // x is [seq, 4] or [4, seq]; the body sees a [4] slice; scan outputs gain seq at scan_output_axes.
  const cases: [string, number[], Record<string, AttributeInput>, number[]][] = [
    ['defaults: axis 0 in and out', [5, 4], {}, [5, 4]],
    ['scan input axis 1', [4, 5], { scan_input_axes: [1] }, [5, 4]],
    ['scan output axis 1', [5, 4], { scan_output_axes: [1] }, [4, 5]],
    ['negative axes (opset 11+)', [4, 5], { scan_input_axes: [-1], scan_output_axes: [-1] }, [4, 5]],
    ['reverse directions', [5, 4], { scan_input_directions: [1], scan_output_directions: [1] }, [5, 4]],
  ];
  it.each(cases)('%s', (_, xShape, attrs, ys) => {
    const m = scanModel(xShape, attrs);
    expect(typeIn(m.graph, 's_final')).toEqual({ kind: 'tensor', elemType: 'float32', shape: [4] });
    expect(typeIn(m.graph, 'ys')).toEqual({ kind: 'tensor', elemType: 'float32', shape: ys });
    const body = (m.graph.nodes[0].attributes.get('body')!.value as Graph);
    expect(body.outputs[1].type).toEqual({ kind: 'tensor', elemType: 'float32', shape: [4] });
  });

  it('resolves nested scans reading a value two scopes up', () => {
    // Outer scan over X [T, 2, 3] gives x_t [2, 3]; an inner scan over its rows gives r [3];
    // the inner body multiplies r by W [3, 4] from the main graph → [4]; stacked: [2, 4], then [T, 2, 4].
    const inner = new GraphBuilder('inner');
    const r = inner.input('r', 'float32');
    inner.output(inner.op('MatMul', [r, 'W'], {}, { outputs: ['z'] }));
    const outer = new GraphBuilder('outer');
    const xt = outer.input('xt', 'float32');
    outer.node('Scan', [xt], { body: inner.graph, num_scan_inputs: 1 }, { name: 'inner_scan', outputs: ['zs'] });
    outer.output('zs');
    const b = new GraphBuilder('main');
    b.input('X', 'float32', ['T', 2, 3]);
    b.initializer('W', Tensor.float32([3, 4], new Array(12).fill(0)));
    b.node('Scan', ['X'], { body: outer.graph, num_scan_inputs: 1 }, { name: 'outer_scan', outputs: ['Y'] });
    const m = b.model({ opset: 17 });
    inferTypes(m, registry());
    expect(typeIn(m.graph, 'Y')).toEqual({ kind: 'tensor', elemType: 'float32', shape: ['T', 2, 4] });
    expect(typeIn(inner.graph, 'z')).toEqual({ kind: 'tensor', elemType: 'float32', shape: [4] });
  });

  it('rejects scan inputs of different lengths and a body of the wrong arity', () => {
    const b = new GraphBuilder('main');
    b.input('a', 'float32', [5, 4]);
    b.input('c', 'float32', [6, 4]);
    const body = new GraphBuilder('body');
    body.input('p', 'float32');
    body.input('q', 'float32');
    body.output(body.op('Add', ['p', 'q'], {}, { outputs: ['o'] }));
    b.node('Scan', ['a', 'c'], { body: body.graph, num_scan_inputs: 2 }, { name: 'scan', outputs: ['o_all'] });
    expect(() => inferTypes(b.model({ opset: 16 }), registry())).toThrow(/node 'scan' \(Scan\).*different sequence lengths/);
    b.graph.nodes[0].inputs = ['a'];
    b.graph.nodes[0].attributes.set('num_scan_inputs', { type: 'int', value: 1n });
    expect(() => inferTypes(b.model({ opset: 16 }), registry())).toThrow(/node 'scan' \(Scan\): Scan: body has 2 inputs, expected 1 \(0 states \+ 1 scan inputs\)/);
  });
});

describe('Scan opset 8 (batched)', () => {
  it('strips the batch axis from states and batch + sequence axes from scan inputs', () => {
    const b = new GraphBuilder('main');
    b.input('s0', 'float32', [2, 4]);
    b.input('x', 'float32', [2, 5, 4]);
    b.initializer('w', Tensor.float32([4], [1, 2, 3, 4]));
    b.node('Scan', ['', 's0', 'x'], { body: accumulateBody('w'), num_scan_inputs: 1 }, { name: 'scan', outputs: ['s_final', 'ys'] });
    const m = b.model({ opset: 8 });
    inferTypes(m, registry());
    expect(typeIn(m.graph, 's_final')).toEqual({ kind: 'tensor', elemType: 'float32', shape: [2, 4] });
    expect(typeIn(m.graph, 'ys')).toEqual({ kind: 'tensor', elemType: 'float32', shape: [2, 5, 4] });
  });
});
