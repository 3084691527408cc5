import { attr, attrGraph, GraphBuilder, type Model, QONNX_DOMAIN, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { checkPass, f32, opCounts, randomInputs, registry, values } from './streamline.test-support';
import { Simulator } from '@scanflow/sim';

const S = 0.25;
/** Thresholds (k + 1/2)·S for the levels -8..7 (INT4), out_bias -8. */
const T = f32([1, 15], Array.from({ length: 15 }, (_, k) => (k - 7.5) * S));

/**
 * A one-state Scan: h' = S · MT(reader(h) + x), outputs (h', h' again through Identity). The state is
 * read by `reader` (Identity-free: Add directly, or through a Sigmoid to block integerisation).
 */
function model(options: { constantInit?: boolean; blockedReader?: boolean } = {}): Model {
  const body = new GraphBuilder('body');
  const h = body.input('h', 'float32', [1, 2, 1]);
  const x = body.input('x', 'float32', [1, 2, 1]);
  const hr = options.blockedReader ? body.op('Sigmoid', [h]) : h;
  const n = body.op('MultiThreshold', [body.op('Add', [hr, x]), body.initializer('T', T)], { out_dtype: 'INT4', out_bias: attr.float(-8) }, { domain: QONNX_DOMAIN });
  const hn = body.op('Mul', [n, body.scalar('S', S)], {}, { outputs: ['h_next'] });
  body.output(hn, 'float32', [1, 2, 1]);
  body.output(body.op('Identity', [hn], {}, { outputs: ['h_copy'] }), 'float32', [1, 2, 1]);
  const b = new GraphBuilder('g');
  const h0 = options.constantInit ? b.initializer('h0', f32([1, 2, 1], [0.5, -1.25])) : b.input('h0', 'float32', [1, 2, 1]);
  const X = b.input('X', 'float32', [4, 1, 2, 1]);
  b.node('Scan', [h0, X], { num_scan_inputs: 1, body: body.graph }, { outputs: ['hT', 'hs'], name: 'scan' });
  b.output('hT', 'float32', [1, 2, 1]);
  b.output('hs', 'float32', [4, 1, 2, 1]);
  return b.model({ opset: 14, opsets: { [QONNX_DOMAIN]: 1 } });
}

/** Initial states on the grid S·[-8, 7] and random sequences. */
function inputs(n: number, seed: number): Tensor[][] {
  return randomInputs(seed, n, [[1, 2, 1], [4, 1, 2, 1]], -1, 1).map(([h0, X]) => [f32([1, 2, 1], values(h0).map((v) => Math.round(v * 7) * S)), X]);
}

describe('integerize-scan-state', () => {
  it('carries the state as INT4, moves the scale outside, quantises the initial state with a MultiThreshold', () => {
    const r = checkPass(model(), 'integerize-scan-state', inputs(50, 1));
    const g = r.after.graph;
    expect(opCounts(g)).toEqual({ MultiThreshold: 1, Scan: 1, Mul: 2 });
    const body = attrGraph(g.nodes.find((n) => n.opType === 'Scan')!, 'body');
    expect(body.getDataType(body.inputs[0].name)?.name).toBe('INT4');
    // the state output and the scan output are both integer levels: no Identity, the MT computed twice
    expect(opCounts(body)).toEqual({ Mul: 1, Add: 1, MultiThreshold: 2 });
    expect(r.outputs).toEqual(r.before);
    expect(r.notes.join()).toMatch(/initial state quantised onto the grid/);
  });

  it('an initial state off the grid is quantised first (round half to even, clamped)', () => {
    const m = model();
    const after = checkPass(m, 'integerize-scan-state', []).after;
    const X = randomInputs(7, 1, [[4, 1, 2, 1]])[0][0];
    const h0 = f32([1, 2, 1], [0.3, -9]);
    const onGrid = f32([1, 2, 1], [0.25, -2]);
    const sim = (mm: Model, ins: Tensor[]) => new Simulator(mm, { registry }).run(ins).outputs.map(values);
    expect(sim(after, [h0, X])).toEqual(sim(m, [onGrid, X]));
  });

  it('folds a constant initial state into an integer initializer', () => {
    const r = checkPass(model({ constantInit: true }), 'integerize-scan-state', randomInputs(2, 20, [[4, 1, 2, 1]], -1, 1));
    expect(opCounts(r.after.graph)).toEqual({ Scan: 1, Mul: 2 });
    const scan = r.after.graph.nodes.find((n) => n.opType === 'Scan')!;
    expect(Array.from(r.after.graph.initializers.get(scan.inputs[0])!.data as Float32Array)).toEqual([2, -5]);
    expect(r.outputs).toEqual(r.before);
  });

  it('leaves a state read by an op the scale cannot pass (with a note)', () => {
    const r = checkPass(model({ blockedReader: true }), 'integerize-scan-state', []);
    expect(r.notes.join()).toMatch(/state 0 \(h\) is read by Sigmoid; left float/);
    const body = attrGraph(r.after.graph.nodes.find((n) => n.opType === 'Scan')!, 'body');
    expect(body.getDataType(body.inputs[0].name)).toBeUndefined();
  });
});
