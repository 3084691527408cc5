import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../builder/graph-builder';
import { DataType } from '../datatype/datatype';
import { Tensor } from '../tensor/tensor';
import { attrInt, attrInts, attrFloat, attrGraph } from './attribute';
import { cloneModel } from './clone';
import { Graph } from './graph';
import { Node } from './node';
import { outerScopeReferences } from './subgraphs';
import { topologicalOrder } from './topological-order';
import { buildUseDef } from './use-def';

function scanModel() {
  const body = new GraphBuilder('body');
  const s = body.input('s', 'float32', [2]);
  const x = body.input('x', 'float32', [2]);
  const t = body.op('Add', [s, x]);
  const u = body.op('Mul', [t, 'outer_w'], {}, { outputs: ['s_next'] });
  const y = body.op('Identity', [u], {}, { outputs: ['y'] });
  body.output(u);
  body.output(y);

  const b = new GraphBuilder('main');
  const s0 = b.input('s0', 'float32', [2]);
  const xs = b.input('xs', 'float32', [3, 2]);
  const w = b.initializer('outer_w', Tensor.float32([2], [0.5, 2]));
  const [sf, ys] = b.node('Scan', [s0, xs], { num_scan_inputs: 1, body: body.graph }, { outputs: ['s_final', 'ys'], name: 'scan' });
  b.output(sf);
  b.output(ys);
  return { model: b.model({ opset: 17 }), w, body: body.graph };
}

describe('graph structure', () => {
  it('finds outer-scope references of a Scan body', () => {
    const { body } = scanModel();
    expect([...outerScopeReferences(body)]).toEqual(['outer_w']);
  });

  it('use-def counts a Scan reading a value through its body as a consumer', () => {
    const { model } = scanModel();
    const ud = buildUseDef(model.graph);
    expect(ud.consumers.get('outer_w')?.map((n) => n.name)).toEqual(['scan']);
    expect(ud.producer.get('ys')?.name).toBe('scan');
  });

  it('orders nodes topologically, keeping file order among ready nodes (the earliest ready node runs first)', () => {
    const g = new Graph({
      name: 'g',
      inputs: [{ name: 'a' }],
      nodes: [
        new Node({ opType: 'Relu', name: 'n3', inputs: ['c'], outputs: ['d'] }),
        new Node({ opType: 'Relu', name: 'n1', inputs: ['a'], outputs: ['b'] }),
        new Node({ opType: 'Relu', name: 'n2', inputs: ['b'], outputs: ['c'] }),
        new Node({ opType: 'Relu', name: 'n0', inputs: ['a'], outputs: ['e'] }),
      ],
      outputs: [{ name: 'd' }],
    });
    expect(topologicalOrder(g).map((n) => n.name)).toEqual(['n1', 'n2', 'n3', 'n0']);
  });

  it('names the node reading an undefined value, and a cycle', () => {
    const g = new Graph({ name: 'g', nodes: [new Node({ opType: 'Relu', name: 'r', inputs: ['ghost'], outputs: ['y'] })] });
    expect(() => topologicalOrder(g)).toThrow(/node 'r' \(Relu\) reads 'ghost'/);
    const c = new Graph({
      name: 'c',
      nodes: [
        new Node({ opType: 'Relu', name: 'p', inputs: ['q_out'], outputs: ['p_out'] }),
        new Node({ opType: 'Relu', name: 'q', inputs: ['p_out'], outputs: ['q_out'] }),
      ],
    });
    expect(() => topologicalOrder(c)).toThrow(/cycle/);
  });

  it('clones deeply: editing the clone leaves the original alone', () => {
    const { model } = scanModel();
    model.graph.setDataType('s0', DataType.int(4));
    const copy = cloneModel(model);
    const body = attrGraph(copy.graph.nodes[0], 'body');
    body.nodes[0].opType = 'Sub';
    (copy.graph.initializers.get('outer_w')!.data as Float32Array)[0] = 99;
    copy.graph.setDataType('s0', DataType.int(8));
    expect(attrGraph(model.graph.nodes[0], 'body').nodes[0].opType).toBe('Add');
    expect((model.graph.initializers.get('outer_w')!.data as Float32Array)[0]).toBe(0.5);
    expect(model.graph.getDataType('s0')?.name).toBe('INT4');
  });

  it('reads attributes with defaults and names the node on a kind mismatch', () => {
    const n = new Node({ opType: 'Conv', name: 'conv1', attributes: { group: 2, strides: [1, 2], alpha: 0.5 } });
    expect(attrInt(n, 'group')).toBe(2);
    expect(attrInt(n, 'missing', 7)).toBe(7);
    expect(attrInts(n, 'strides')).toEqual([1, 2]);
    expect(attrFloat(n, 'alpha')).toBe(0.5);
    expect(() => attrFloat(n, 'group')).toThrow(/node 'conv1' \(Conv\): attribute 'group' is int, expected float/);
    expect(() => attrInt(n, 'kernel_shape')).toThrow(/required attribute 'kernel_shape' is missing/);
  });

  it('builder gives fresh unique names', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1]);
    const a = b.op('Relu', [x]);
    const c = b.op('Relu', [a]);
    expect(a).not.toBe(c);
    expect(new Set(b.graph.nodes.map((n) => n.name)).size).toBe(2);
  });
});

describe('Tensor', () => {
  it('checks the container length against the shape and refuses absurd shapes', () => {
    expect(() => new Tensor('float32', [2, 3], new Float32Array(5))).toThrow(/needs 6 values, got 5/);
    expect(() => Tensor.zeros('float32', [2 ** 20, 2 ** 20])).toThrow(/more than/);
    expect(() => Tensor.zeros('float32', [-1])).toThrow(/not a non-negative integer/);
    expect(Tensor.zeros('complex64', [3]).data.length).toBe(6);
  });
});
