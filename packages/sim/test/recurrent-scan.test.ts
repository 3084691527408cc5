import { type AttributeInput, GraphBuilder, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { Simulator } from '../src/simulator';
import { expectClose, scanTestRegistry } from './recurrent-support';

/**
 * Hand-worked Scan cases. The body graphs use Add / Mul / Neg / Identity kernels defined in
 * recurrent-support.ts, so only the Scan kernel is under test here.
 */

/** Body: s' = s + x; outputs [s', Identity(s')]. State and slice are float32 of `shape`. */
function cumsumBody(shape: number[]) {
  const b = new GraphBuilder('cumsum_body');
  const s = b.input('s', 'float32', shape);
  const x = b.input('x', 'float32', shape);
  const s2 = b.op('Add', [s, x], {}, { outputs: ['s_next'] });
  const y = b.op('Identity', [s2], {}, { outputs: ['y'] });
  b.output(s2, 'float32', shape);
  b.output(y, 'float32', shape);
  return b.graph;
}

function runScan(
  body: ReturnType<typeof cumsumBody>,
  inputs: Tensor[],
  attrs: Record<string, AttributeInput>,
  outputs: number,
  opset = 11,
  trace = false,
) {
  const b = new GraphBuilder('main');
  const names = inputs.map((t, k) => b.input(`i${k}`, t.elemType, [...t.dims]));
  const outs = Array.from({ length: outputs }, (_, k) => `o${k}`);
  b.node('Scan', names, { body, ...attrs }, { outputs: outs, name: 'scan' });
  for (const o of outs) b.output(o);
  const sim = new Simulator(b.model({ opset }), { registry: scanTestRegistry() });
  return sim.run(inputs, { trace });
}

const x32 = Tensor.float32([3, 2], [1, 10, 2, 20, 3, 30]);
const zero2 = Tensor.float32([2], [0, 0]);

describe('Scan-9+, by hand', () => {
  it('forward: final state and stacked prefix sums', () => {
    const r = runScan(cumsumBody([2]), [zero2, x32], { num_scan_inputs: 1 }, 2);
    expect(expectClose(r.outputs[0], { dims: [2], data: [6, 60] })).toBeUndefined();
    expect(expectClose(r.outputs[1], { dims: [3, 2], data: [1, 10, 3, 30, 6, 60] })).toBeUndefined();
  });

  it('reverse scan input: walks the steps backwards, stacks in iteration order', () => {
    const r = runScan(cumsumBody([2]), [zero2, x32], { num_scan_inputs: 1, scan_input_directions: [1] }, 2);
    expect(expectClose(r.outputs[1], { dims: [3, 2], data: [3, 30, 5, 50, 6, 60] })).toBeUndefined();
  });

  it('reverse scan output: the last iteration goes first', () => {
    const r = runScan(cumsumBody([2]), [zero2, x32], { num_scan_inputs: 1, scan_output_directions: [1] }, 2);
    expect(expectClose(r.outputs[1], { dims: [3, 2], data: [6, 60, 3, 30, 1, 10] })).toBeUndefined();
  });

  it('reverse input and reverse output together', () => {
    const r = runScan(cumsumBody([2]), [zero2, x32], { num_scan_inputs: 1, scan_input_directions: [1], scan_output_directions: [1] }, 2);
    expect(expectClose(r.outputs[1], { dims: [3, 2], data: [6, 60, 5, 50, 3, 30] })).toBeUndefined();
  });

  it('scan_input_axes 1 and scan_output_axes 1 (and negative axes)', () => {
    // x [2, 3]: step t is column t.
    const x = Tensor.float32([2, 3], [1, 2, 3, 10, 20, 30]);
    for (const [ia, oa] of [[1, 1], [-1, -1]]) {
      const r = runScan(cumsumBody([2]), [zero2, x], { num_scan_inputs: 1, scan_input_axes: [ia], scan_output_axes: [oa] }, 2);
      expect(expectClose(r.outputs[0], { dims: [2], data: [6, 60] })).toBeUndefined();
      // per-step output [2], stacked on axis 1 → [2, 3]
      expect(expectClose(r.outputs[1], { dims: [2, 3], data: [1, 3, 6, 10, 30, 60] })).toBeUndefined();
    }
  });

  it('an inner scan axis of a rank-3 input, stacked on a middle output axis', () => {
    // x [2, 3, 2] scanned on axis 1: step t is x[:, t, :] of shape [2, 2]
    const xs = Array.from({ length: 12 }, (_, k) => k + 1);
    const x = Tensor.float32([2, 3, 2], xs);
    const at = (a: number, t: number, c: number) => xs[(a * 3 + t) * 2 + c];
    const r = runScan(cumsumBody([2, 2]), [Tensor.float32([2, 2], [0, 0, 0, 0]), x], { num_scan_inputs: 1, scan_input_axes: [1], scan_output_axes: [1] }, 2);
    const expected: number[] = [];
    for (let a = 0; a < 2; a++) for (let t = 0; t < 3; t++) for (let c = 0; c < 2; c++) {
      let s = 0;
      for (let u = 0; u <= t; u++) s += at(a, u, c);
      expected.push(s);
    }
    expect(expectClose(r.outputs[1], { dims: [2, 3, 2], data: expected })).toBeUndefined();
  });

  it('two scan inputs, two scan outputs, two states', () => {
    // states (acc, count); inputs x, y; acc' = acc + x·y, count' = count + 1; outputs acc', -x
    const b = new GraphBuilder('body');
    const acc = b.input('acc', 'float32', [2]);
    const cnt = b.input('cnt', 'float32', []);
    const x = b.input('x', 'float32', [2]);
    const y = b.input('y', 'float32', [2]);
    const acc2 = b.op('Add', [acc, b.op('Mul', [x, y])]);
    const cnt2 = b.op('Add', [cnt, b.scalar('one', 1)]);
    b.output(acc2);
    b.output(cnt2);
    b.output(b.op('Identity', [acc2]));
    b.output(b.op('Neg', [x]));
    const ys = Tensor.float32([3, 2], [2, 1, 0.5, 3, -1, 2]);
    const r = runScan(b.graph, [zero2, Tensor.float32([], [0]), x32, ys], { num_scan_inputs: 2, scan_output_directions: [0, 1] }, 4);
    const p = [1 * 2, 10 * 1, 2 * 0.5, 20 * 3, 3 * -1, 30 * 2];
    expect(expectClose(r.outputs[0], { dims: [2], data: [p[0] + p[2] + p[4], p[1] + p[3] + p[5]] })).toBeUndefined();
    expect(expectClose(r.outputs[1], { dims: [], data: [3] })).toBeUndefined();
    expect(expectClose(r.outputs[2], { dims: [3, 2], data: [p[0], p[1], p[0] + p[2], p[1] + p[3], p[0] + p[2] + p[4], p[1] + p[3] + p[5]] })).toBeUndefined();
    expect(expectClose(r.outputs[3], { dims: [3, 2], data: [-3, -30, -2, -20, -1, -10] })).toBeUndefined();
  });

  it('reads an outer-scope value computed in the main graph', () => {
    const body = new GraphBuilder('body');
    const s = body.input('s', 'float32', [2]);
    const x = body.input('x', 'float32', [2]);
    const s2 = body.op('Add', [body.op('Add', [s, x]), 'bias']); // 'bias' lives in the main graph
    body.output(s2);
    body.output(body.op('Identity', [s2]));
    const b = new GraphBuilder('main');
    const init = b.input('init', 'float32', [2]);
    const xs = b.input('xs', 'float32', [3, 2]);
    b.op('Neg', [b.initializer('minus_bias', Tensor.float32([2], [-100, -1000]))], {}, { outputs: ['bias'] });
    b.node('Scan', [init, xs], { body: body.graph, num_scan_inputs: 1 }, { outputs: ['final', 'all'], name: 'scan' });
    b.output('final');
    b.output('all');
    const r = new Simulator(b.model({ opset: 16 }), { registry: scanTestRegistry() }).run([zero2, x32]);
    expect(expectClose(r.outputs[0], { dims: [2], data: [306, 3060] })).toBeUndefined();
    expect(expectClose(r.outputs[1], { dims: [3, 2], data: [101, 1010, 203, 2030, 306, 3060] })).toBeUndefined();
  });

  it('zero-length sequence: states pass through, scan outputs are empty with the declared shape', () => {
    const r = runScan(cumsumBody([2]), [Tensor.float32([2], [4, 5]), Tensor.float32([0, 2], [])], { num_scan_inputs: 1 }, 2);
    expect(expectClose(r.outputs[0], { dims: [2], data: [4, 5] })).toBeUndefined();
    expect(r.outputs[1].dims).toEqual([0, 2]);
  });

  it('without state variables', () => {
    const b = new GraphBuilder('body');
    const x = b.input('x', 'float32', [2]);
    b.output(b.op('Neg', [x]));
    const r = runScan(b.graph, [x32], { num_scan_inputs: 1, scan_output_directions: [1] }, 1);
    expect(expectClose(r.outputs[0], { dims: [3, 2], data: [-3, -30, -2, -20, -1, -10] })).toBeUndefined();
  });

  it('records every iteration of the body in the trace, under scan[t]/', () => {
    const r = runScan(cumsumBody([2]), [zero2, x32], { num_scan_inputs: 1 }, 2, 11, true);
    const t = r.trace!;
    expect(t.entries.filter((e) => e.output === 's_next').map((e) => e.path)).toEqual(['scan[0]/', 'scan[1]/', 'scan[2]/']);
    expect(expectClose(t.get('s_next', 'scan[1]/'), { dims: [2], data: [3, 30] })).toBeUndefined();
    expect(t.get('o1')?.dims).toEqual([3, 2]);
  });

  it('does not change its inputs', () => {
    const x = Tensor.float32([2, 3], [1, 2, 3, 10, 20, 30]);
    const init = Tensor.float32([2], [1, 1]);
    runScan(cumsumBody([2]), [init, x], { num_scan_inputs: 1, scan_input_axes: [1] }, 2);
    expect(Array.from(x.data)).toEqual([1, 2, 3, 10, 20, 30]);
    expect(Array.from(init.data)).toEqual([1, 1]);
  });

  it('reports scan inputs of different lengths', () => {
    const b = new GraphBuilder('body');
    const x = b.input('x', 'float32', [2]);
    const y = b.input('y', 'float32', [2]);
    b.output(b.op('Add', [x, y]));
    expect(() => runScan(b.graph, [x32, Tensor.float32([2, 2], [0, 0, 0, 0])], { num_scan_inputs: 2 }, 1)).toThrow(/node 'scan' \(Scan\).*scan input 1 has 2 steps/);
  });
});

describe('Scan-8 (batch axis and sequence_lens), by hand', () => {
  // states [B, 2], scan input [B, T, 2]; batch 0 runs 3 steps, batch 1 runs 1.
  const xs = Tensor.float32([2, 3, 2], [1, 10, 2, 20, 3, 30, 4, 40, 5, 50, 6, 60]);
  const init = Tensor.float32([2, 2], [0, 0, 100, 100]);
  const lens = new Tensor('int64', [2], BigInt64Array.from([3n, 1n]));

  function run8(withLens: boolean, directions: number[]) {
    const b = new GraphBuilder('main');
    const l = withLens ? b.input('lens', 'int64', [2]) : '';
    const s = b.input('s', 'float32', [2, 2]);
    const x = b.input('x', 'float32', [2, 3, 2]);
    b.node('Scan', [l, s, x], { body: cumsumBody([2]), num_scan_inputs: 1, directions }, { outputs: ['final', 'all'], name: 'scan8' });
    b.output('final');
    b.output('all');
    return new Simulator(b.model({ opset: 8 }), { registry: scanTestRegistry() }).run(withLens ? [lens, init, xs] : [init, xs]).outputs;
  }

  it('full length, forward', () => {
    const [final, all] = run8(false, [0]);
    expect(expectClose(final, { dims: [2, 2], data: [6, 60, 115, 250] })).toBeUndefined();
    expect(expectClose(all, { dims: [2, 3, 2], data: [1, 10, 3, 30, 6, 60, 104, 140, 109, 190, 115, 250] })).toBeUndefined();
  });

  it('sequence_lens with a reverse scan input: shorter entries are zero-padded', () => {
    const [final, all] = run8(true, [1]);
    expect(expectClose(final, { dims: [2, 2], data: [6, 60, 104, 140] })).toBeUndefined();
    expect(expectClose(all, { dims: [2, 3, 2], data: [3, 30, 5, 50, 6, 60, 104, 140, 0, 0, 0, 0] })).toBeUndefined();
  });
});
