import { attr, GraphBuilder, QONNX_DOMAIN } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { checkPass, f32 } from './streamline.test-support';

describe('minimize-widths', () => {
  it('accumulators from the weights and input range, MT outputs from their thresholds, threshold tables from their values', () => {
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [1, 3, 1]);
    // x in [0, 7] (UINT3) → W·x with W rows [3, -2, 1], [1, 1, 1]: row 0 in [-14, 28], row 1 in [0, 21]
    const n = b.op('MultiThreshold', [x, b.initializer('Tin', f32([1, 7], [1, 2, 3, 4, 5, 6, 7]))], { out_dtype: 'UINT3' }, { domain: QONNX_DOMAIN });
    const acc = b.op('MatMul', [b.initializer('W', f32([2, 3], [3, -2, 1, 1, 1, 1])), n]);
    const sum = b.op('Add', [acc, acc]);
    b.output(b.op('MultiThreshold', [sum, b.initializer('T', f32([1, 3], [-20, 0, 40]))], { out_dtype: 'INT8', out_bias: attr.float(-1) }, { domain: QONNX_DOMAIN }), 'float32');
    const r = checkPass(b.model({ opset: 14, opsets: { [QONNX_DOMAIN]: 1 } }), 'infer-datatypes,minimize-widths', []);
    const g = r.after.graph;
    expect(g.getDataType(n)?.name).toBe('UINT3');
    expect(g.getDataType(acc)?.name).toBe('INT6');
    expect(g.getDataType(sum)?.name).toBe('INT7');
    const last = g.nodes[g.nodes.length - 1];
    // out_bias -1 + 0..3 thresholds reached: [-1, 2]
    expect(g.getDataType(last.outputs[0])?.name).toBe('INT3');
    expect(last.attributes.get('out_dtype')?.value).toBe('INT3');
    expect(g.getDataType(last.inputs[1])?.name).toBe('INT7');
  });
});
