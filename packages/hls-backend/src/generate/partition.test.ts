import { builtinHwRegistry } from '../hw-layer';
import { DataType, GraphBuilder, HW_DOMAIN, type Model, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { partitionAccelerator } from './partition';

const hw = { domain: HW_DOMAIN };
const INT4 = DataType.int(4);

/** host quantiser → Reshape → Thresholding → DuplicateStreams → (Thresholding → host Mul, graph output). */
function hostAndAccel(between?: 'host' | 'split'): Model {
  const b = new GraphBuilder('g');
  const x = b.input('x', 'float32', [2, 3]);
  const q = b.op('Relu', [x], {}, { name: 'host_q', outputs: ['q'] });
  b.graph.setDataType(q, INT4);
  const shape = b.initializer('shape', Tensor.int64([3], [2, 1, 3]));
  const r = b.op('Reshape', [q, shape], {}, { name: 'reshape_in', outputs: ['r'] });
  b.graph.setDataType(r, INT4);
  const t = b.initializer('T', Tensor.float32([1, 2], [0, 1]));
  const a = b.op('Thresholding', [r, t], { channels: 3 }, { ...hw, name: 'thr1', outputs: ['a'] });
  b.graph.setDataType(a, DataType.uint(2));
  let feed = a;
  if (between === 'host') {
    feed = b.op('Relu', [a], {}, { name: 'sneaky_host', outputs: ['a2'] });
    b.graph.setDataType(feed, DataType.uint(2));
  }
  const src = between === 'split' ? b.input('other', 'float32', [2, 1, 3], DataType.uint(2)) : feed;
  const [d0, d1] = b.node('DuplicateStreams', [src], { channels: 3 }, { ...hw, name: 'dup', outputs: ['d0', 'd1'] });
  const y = b.op('Thresholding', [d0!, t], { channels: 3 }, { ...hw, name: 'thr2', outputs: ['y'] });
  const s = b.op('Mul', [y, b.scalar('scale', 0.5)], {}, { name: 'host_scale', outputs: ['ys'] });
  b.output(s);
  b.output(d1!);
  if (between === 'split') b.output(a);
  return b.model({ opsets: { [HW_DOMAIN]: 1 } });
}

describe('partitionAccelerator', () => {
  it('takes the hardware layers and the Reshape in front of them; host nodes stay outside', () => {
    const p = partitionAccelerator(hostAndAccel(), builtinHwRegistry());
    expect(p.nodes.map((n) => n.name)).toEqual(['reshape_in', 'thr1', 'dup', 'thr2']);
    expect(p.inputs).toEqual(['q']);
    // graph outputs first (in graph order), then values read by host nodes
    expect(p.outputs).toEqual(['d1', 'y']);
    expect(p.constants).toEqual([]);
  });

  it('rejects a host node between hardware layers, naming it', () => {
    expect(() => partitionAccelerator(hostAndAccel('host'), builtinHwRegistry())).toThrow(/'sneaky_host' \(Relu\) is not a hardware layer but sits between hardware layers/);
  });

  it('takes disconnected hardware regions as independent pipelines of one accelerator', () => {
    const p = partitionAccelerator(hostAndAccel('split'), builtinHwRegistry());
    expect(p.nodes.map((n) => n.name)).toEqual(['reshape_in', 'thr1', 'dup', 'thr2']);
    // each region's inputs and outputs are ports: 'q' feeds the first, the graph input 'other' the second
    expect(p.inputs).toEqual(['other', 'q']);
    expect(p.outputs).toEqual(['d1', 'a', 'y']);
  });

  it('rejects a model without hardware layers', () => {
    const b = new GraphBuilder('plain');
    const x = b.input('x', 'float32', [2]);
    b.output(b.op('Relu', [x]));
    expect(() => partitionAccelerator(b.model(), builtinHwRegistry())).toThrow(/no hardware layers/);
  });
});
