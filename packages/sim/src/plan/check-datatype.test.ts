import { DataType, GraphBuilder, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { Simulator } from '../simulator';

function model(outType: DataType) {
  const b = new GraphBuilder('g');
  const x = b.input('x', 'float32', [3], DataType.int(4));
  const y = b.op('Add', [x, x], {}, { outputs: ['twice'] });
  b.graph.setDataType(y, outType);
  b.output(y, 'float32', [3]);
  return b.model();
}

describe('checkDataTypes', () => {
  it('passes values that honour their annotations', () => {
    const sim = new Simulator(model(DataType.int(5)), { checkDataTypes: true });
    expect(Array.from(sim.run([Tensor.float32([3], [-8, 0, 7])]).outputs[0].data as Float32Array)).toEqual([-16, 0, 14]);
  });

  it('names the value and element that leave the annotated range', () => {
    const sim = new Simulator(model(DataType.int(4)), { checkDataTypes: true });
    expect(() => sim.run([Tensor.float32([3], [1, 5, 2])])).toThrow(/value 'twice' is annotated INT4 but element 1 is 10/);
  });

  it('checks graph inputs too, and is off by default', () => {
    const checked = new Simulator(model(DataType.int(8)), { checkDataTypes: true });
    expect(() => checked.run([Tensor.float32([3], [0.5, 0, 0])])).toThrow(/value 'x' is annotated INT4 but element 0 is 0.5/);
    expect(() => new Simulator(model(DataType.int(8))).run([Tensor.float32([3], [0.5, 0, 0])])).not.toThrow();
  });

  it('flags integers beyond 2^24 in float32, where exactness ends', () => {
    const big = 2 ** 24;
    const m = model(DataType.int(32));
    m.graph.setDataType('x', DataType.int(32));
    expect(() => new Simulator(m, { checkDataTypes: true }).run([Tensor.float32([3], [big, 0, 0])])).toThrow(/beyond 2\^24/);
  });
});
