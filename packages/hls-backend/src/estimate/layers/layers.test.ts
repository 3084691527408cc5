import { DataType, GraphBuilder, HW_DOMAIN, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { builtinHwRegistry, hwLayerOf } from '../../hw-layer';

const hw = { domain: HW_DOMAIN };

/** One hardware layer in a graph, and the estimate of its node at PE 1. */
function estimateOne(build: (b: GraphBuilder) => void, opType: string) {
  const b = new GraphBuilder('g');
  build(b);
  const model = b.model({ opset: 17, opsets: { [HW_DOMAIN]: 1 } });
  const node = model.graph.nodes.find((n) => n.opType === opType)!;
  return hwLayerOf(builtinHwRegistry(), node)!.estimate({ node, graph: model.graph, model, folding: { pe: 1 } });
}

function thresholding(rows: number) {
  return (b: GraphBuilder) => {
    const x = b.input('x', 'float32', [1, 20], DataType.int(8));
    const T = b.initializer('T', Tensor.float32([rows, 3], Array.from({ length: rows * 3 }, (_, k) => k % 3)), DataType.int(8));
    const y = b.op('Thresholding', [x, T], { channels: 20, out_bias: 0 }, { ...hw, name: 'act', outputs: ['y'] });
    b.graph.setDataType(y, DataType.uint(2));
    b.output(y);
  };
}

// Hand-worked with the structural model (thresholding.ts, primitives/threshold-lane.ts).
describe('layer estimators read widths, shared thresholds and out_bias from the node', () => {
  it('Thresholding, per-channel T [20 × 3] INT8, out_bias 0, UINT2 output', () => {
    // Lane: 3 ROMs of 20 × 8 bits (3 × 4 LUT, 3 × 8 FF), comparators 3·⌈8/2⌉ = 12, count 3, no bias:
    // 27 LUT; FF 8 + cut 3 + output 2 + 24 = 37. nf counter 7 LUT / 5 FF; loop (20 trips) 17 LUT,
    // depth 1 + ⌈(1 + 2 + 1)/2⌉ = 3: FF 5 + 4 + 3 = 12. LUT 51, FF 54.
    expect(estimateOne(thresholding(20), 'Thresholding')).toMatchObject({ cycles: 20, lut: 51, ff: 54 });
  });

  it('Thresholding, one shared row T [1 × 3]: constants', () => {
    // Lane: 3·⌈8/3⌉ = 9 + count 3 = 12 LUT; FF 8 + 3 + 2 = 13. No nf counter. Loop 17 / 12. LUT 29, FF 25.
    expect(estimateOne(thresholding(1), 'Thresholding')).toMatchObject({ lut: 29, ff: 25 });
  });

  it('ElementwiseMul of two streams: UINT4 × INT7 → INT11', () => {
    // Product 4 × 7 in LUTs: (2·⌈11/6⌉ − 1)·11 = 33 LUT; FF operands 11 + product 11. Loop 17 LUT; depth 2: FF 11.
    const e = estimateOne((b) => {
      const a = b.input('a', 'float32', [1, 20], DataType.uint(4));
      const c = b.input('c', 'float32', [1, 20], DataType.int(7));
      const y = b.op('ElementwiseMul', [a, c], { channels: 20 }, { ...hw, name: 'mul', outputs: ['y'] });
      b.graph.setDataType(y, DataType.int(11));
      b.output(y);
    }, 'ElementwiseMul');
    expect(e).toMatchObject({ cycles: 20, lut: 50, ff: 33, dsp: 0 });
    expect(e.notes).toContain('multipliers: 4×7-bit products in LUTs (auto: 4·7 = 28 ≤ 100 partial-product bits)');
  });

  it('DuplicateStreams: the word register from the input width', () => {
    // 20 channels of INT6 at PE 1, 2 outputs: 6 FF, 2 LUT; loop 17 LUT, depth 1: FF 5 + 4 + 1 = 10.
    const e = estimateOne((b) => {
      const x = b.input('x', 'float32', [1, 20], DataType.int(6));
      const outs = b.node('DuplicateStreams', [x], { channels: 20 }, { ...hw, name: 'dup', outputs: ['p', 'q'] });
      outs.forEach((o) => b.output(o));
    }, 'DuplicateStreams');
    expect(e).toMatchObject({ lut: 19, ff: 16 });
  });
});
