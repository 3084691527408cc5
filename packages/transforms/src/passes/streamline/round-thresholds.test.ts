import { attr, attrFloat, GraphBuilder, QONNX_DOMAIN } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { checkPass, f32, randomInputs } from './streamline.test-support';

describe('round-thresholds', () => {
  it('integer input: ceil, clip to [lo, hi + 1], drop always / never firing columns into out_bias', () => {
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [1, 2, 5]);
    // x → levels in [-4, 3] (INT3)
    const n = b.op('MultiThreshold', [x, b.initializer('Tin', f32([1, 7], [-3, -2, -1, 0, 1, 2, 3]))], { out_dtype: 'INT3', out_bias: attr.float(-4) }, { domain: QONNX_DOMAIN });
    // column 0 always fires (≤ -4), column 4 never (> 3), the others need rounding
    const T = f32([2, 5], [-9, -1.5, 0.2, 2.5, 8, -4, -3.2, 0, 3, 4.5]);
    b.output(b.op('MultiThreshold', [n, b.initializer('T', T)], { out_dtype: 'UINT3', out_bias: attr.float(1) }, { domain: QONNX_DOMAIN }), 'float32');
    const r = checkPass(b.model({ opset: 14, opsets: { [QONNX_DOMAIN]: 1 } }), 'round-thresholds', randomInputs(1, 100, [[1, 2, 5]], -6, 6));
    const mt = r.after.graph.nodes[1];
    expect(Array.from(r.after.graph.initializers.get(mt.inputs[1])!.data as Float32Array, (v) => v + 0)).toEqual([-1, 1, 3, -3, 0, 3]);
    expect(attrFloat(mt, 'out_bias', 0)).toBe(2);
    expect(r.outputs).toEqual(r.before);
  });

  it('float input: thresholds rounded up to float32 compare the same', () => {
    const b = new GraphBuilder('g');
    const x = b.input('x', 'float32', [1, 1, 50]);
    b.output(b.op('MultiThreshold', [x, b.initializer('T', f32([1, 3], [0.1, 0.2, 0.3]))], { out_dtype: 'UINT2' }, { domain: QONNX_DOMAIN }), 'float32');
    const r = checkPass(b.model({ opset: 14, opsets: { [QONNX_DOMAIN]: 1 } }), 'round-thresholds', randomInputs(2, 20, [[1, 1, 50]], 0, 0.4));
    expect(r.changed).toBe(false);
    expect(r.outputs).toEqual(r.before);
  });
});
