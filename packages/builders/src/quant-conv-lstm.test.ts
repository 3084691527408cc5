import { attrGraph } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { quantConvLstm } from './quant-conv-lstm';

describe('quantConvLstm', () => {
  it('builds conv front-end → LSTM in Scan → classifier over a 100 × 40 window', () => {
    const m = quantConvLstm({ seed: 4 });
    const ops = m.graph.nodes.map((n) => n.opType);
    expect(ops.filter((o) => o === 'Conv')).toHaveLength(3);
    expect(ops.filter((o) => o === 'Relu')).toHaveLength(3);
    expect(ops.filter((o) => o === 'Scan')).toHaveLength(1);
    expect(m.graph.inputs.map((i) => [i.name, i.type])).toEqual([['X', { kind: 'tensor', elemType: 'float32', shape: [1, 1, 100, 40] }]]);
    expect(m.graph.outputs.map((o) => o.name)).toEqual(['logits']);
    const scan = m.graph.nodes.find((n) => n.opType === 'Scan')!;
    expect(attrGraph(scan, 'body').inputs.map((i) => i.type)).toEqual([
      { kind: 'tensor', elemType: 'float32', shape: [32, 1] },
      { kind: 'tensor', elemType: 'float32', shape: [32, 1] },
      { kind: 'tensor', elemType: 'float32', shape: [16, 1] },
    ]);
    // conv kernels: 1×2 stride 2 (price/volume), 1×2 stride 2 (ask/bid), 1×10 (levels)
    const convs = m.graph.nodes.filter((n) => n.opType === 'Conv');
    expect(convs.map((c) => m.graph.initializers.get(`${c.name}_W`)?.dims)).toEqual([
      [8, 1, 1, 2],
      [8, 8, 1, 2],
      [16, 8, 1, 10],
    ]);
  });

  it('refuses a feature count that is not whole LOB levels', () => {
    expect(() => quantConvLstm({ features: 42 })).toThrow(/multiple of 4/);
  });
});
