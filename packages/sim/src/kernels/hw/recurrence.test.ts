import { type AttributeInput, coreOps, createRegistry, DataType, type Graph, GraphBuilder, HW_DOMAIN, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { coreKernels } from '../../core-kernels';
import { Simulator } from '../../simulator';
import { values } from './hw.test-support';

const hw = { domain: HW_DOMAIN };

/**
 * A one-state cell built from hardware layers: h' = thr(U·h + x_t) with U = [[1, 1], [0, -1]],
 * shared thresholds [1, 3] (so h ∈ {0, 1, 2}); outputs (h', y = h').
 */
function cellBody(): Graph {
  const b = new GraphBuilder('cell');
  const h = b.input('h', 'float32', [1, 2], DataType.uint(2));
  const x = b.input('x_t', 'float32', [1, 2], DataType.int(3));
  const U = b.initializer('U', Tensor.float32([2, 2], [1, 1, 0, -1]), DataType.int(2));
  const T = b.initializer('T', Tensor.float32([1, 2], [1, 3]));
  const uh = b.op('MVAU', [h, U], { mw: 2, mh: 2, acc_dtype: 'INT4' }, { ...hw, name: 'mvau_u', outputs: ['uh'] });
  b.graph.setDataType(uh, DataType.int(4));
  const pre = b.op('ElementwiseAdd', [uh, x], { channels: 2 }, { ...hw, name: 'add_x', outputs: ['pre'] });
  b.graph.setDataType(pre, DataType.int(5));
  const act = b.op('Thresholding', [pre, T], { channels: 2 }, { ...hw, name: 'thr', outputs: ['act'] });
  b.graph.setDataType(act, DataType.uint(2));
  const [hNext, y] = b.node('DuplicateStreams', [act], { channels: 2 }, { ...hw, name: 'dup', outputs: ['h_next', 'y'] });
  b.output(hNext, 'float32', [1, 2]);
  b.output(y, 'float32', [1, 2]);
  return b.graph;
}

function run(opType: 'Recurrence' | 'Scan', body: Graph, inputs: Tensor[], attrs: Record<string, AttributeInput> = {}) {
  const b = new GraphBuilder('main');
  const names = inputs.map((t, k) => b.input(`i${k}`, t.elemType, [...t.dims]));
  b.node(opType, names, { body, num_scan_inputs: 1, ...attrs }, { outputs: ['h_final', 'y_seq'], name: 'loop', domain: opType === 'Scan' ? '' : HW_DOMAIN });
  b.output('h_final');
  b.output('y_seq');
  const model = b.model({ opset: 11, opsets: { [HW_DOMAIN]: 1 } });
  return new Simulator(model, { registry: createRegistry([coreOps(), coreKernels()]), checkDataTypes: true }).run(inputs).outputs;
}

const h0 = Tensor.float32([1, 2], [0, 0]);
// x_t: [1, 2], [0, 1], [3, -1]
const xs = Tensor.float32([3, 1, 2], [1, 2, 0, 1, 3, -1]);

describe('Recurrence kernel', () => {
  it('runs the body over the steps (worked by hand)', () => {
    // t0: U·[0,0] = [0,0], + [1,2] → [1,2] → thr [1,1]
    // t1: U·[1,1] = [2,-1], + [0,1] → [2,0] → thr [1,0]
    // t2: U·[1,0] = [1,0], + [3,-1] → [4,-1] → thr [2,0]
    const [h, y] = run('Recurrence', cellBody(), [h0, xs]);
    expect(h.dims).toEqual([1, 2]);
    expect(values(h)).toEqual([2, 0]);
    expect(y.dims).toEqual([3, 1, 2]);
    expect(values(y)).toEqual([1, 1, 1, 0, 2, 0]);
  });

  it('reverse sequence and reverse stacked output (worked by hand)', () => {
    // inputs walked [3,-1], [0,1], [1,2]:
    // t0: [0,0] + [3,-1] → [2,0]; t1: U·[2,0] = [2,0] + [0,1] = [2,1] → [1,1]; t2: U·[1,1] = [2,-1] + [1,2] = [3,1] → [2,1]
    const [h, y] = run('Recurrence', cellBody(), [h0, xs], { scan_input_directions: [1], scan_output_directions: [1] });
    expect(values(h)).toEqual([2, 1]);
    // stacked in reverse: the last step's output first
    expect(values(y)).toEqual([2, 1, 1, 1, 2, 0]);
  });

  it('equals ONNX Scan on the same body, in every direction combination', () => {
    const seq = Array.from({ length: 7 * 2 }, (_, k) => ((k * 5) % 7) - 3);
    const longXs = Tensor.float32([7, 1, 2], seq);
    const start = Tensor.float32([1, 2], [2, 1]);
    const cases: Record<string, AttributeInput>[] = [{}, { scan_input_directions: [1] }, { scan_output_directions: [1] }, { scan_input_directions: [1], scan_output_directions: [1] }];
    for (const attrs of cases) {
      const r = run('Recurrence', cellBody(), [start, longXs], attrs);
      const s = run('Scan', cellBody(), [start, longXs], attrs);
      expect(r.map((t) => t.dims)).toEqual(s.map((t) => t.dims));
      expect(r.map(values)).toEqual(s.map(values));
    }
  });

  it('rejects scan axes, naming the node', () => {
    expect(() => run('Recurrence', cellBody(), [h0, xs], { scan_input_axes: [0] })).toThrow(/loop.*scan_input_axes is not supported/);
  });

  it('rejects more sequences than inputs, naming the node', () => {
    expect(() => run('Recurrence', cellBody(), [h0, xs], { num_scan_inputs: 3 })).toThrow(/loop.*num_scan_inputs is 3, but the node has 2 input/);
  });
});
