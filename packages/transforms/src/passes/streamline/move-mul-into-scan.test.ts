import { attr, attrGraph, GraphBuilder, QONNX_DOMAIN } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { checkPass, f32, opCounts, randomInputs } from './streamline.test-support';

describe('move-mul-into-scan', () => {
  it('a per-tensor scale on the scan input moves into the body, where the input quantiser absorbs it', () => {
    const body = new GraphBuilder('body');
    const h = body.input('h', 'float32', [2]);
    const x = body.input('x', 'float32', [2]);
    const q = body.op('MultiThreshold', [x, body.initializer('T', f32([1, 3], [-0.3, 0.1, 0.45]))], { out_dtype: 'INT2', out_bias: attr.float(-2) }, { domain: QONNX_DOMAIN });
    const hn = body.op('Add', [h, q], {}, { outputs: ['hn'] });
    body.output(hn, 'float32', [2]);
    const b = new GraphBuilder('g');
    const X = b.input('X', 'float32', [5, 2]);
    // integer levels 0..3 times a scale
    const n = b.op('MultiThreshold', [X, b.initializer('Tx', f32([1, 3], [-1, 0, 1]))], { out_dtype: 'UINT2' }, { domain: QONNX_DOMAIN });
    const xs = b.op('Mul', [n, b.scalar('s', 0.2)]);
    b.node('Scan', [b.initializer('h0', f32([2], [0, 0])), xs], { num_scan_inputs: 1, body: body.graph }, { outputs: ['hT'] });
    b.output('hT', 'float32', [2]);
    const r = checkPass(b.model({ opset: 14, opsets: { [QONNX_DOMAIN]: 1 } }), 'move-mul-into-scan,absorb-mul-into-multithreshold', randomInputs(1, 30, [[5, 2]], -2, 2));
    expect(opCounts(r.after.graph)).toEqual({ MultiThreshold: 1, Scan: 1 });
    const inner = attrGraph(r.after.graph.nodes[1], 'body');
    expect(inner.getDataType(inner.inputs[1].name)?.name).toBe('UINT2');
    expect(opCounts(inner)).toEqual({ MultiThreshold: 1, Add: 1 });
    expect(r.outputs).toEqual(r.before);
  });
});
