import { GraphBuilder, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { Simulator } from '../simulator';

/**
 * The fused QuantizeLinear → (Clip) → DequantizeLinear step must give exactly what the three
 * kernels give one after another (a traced run uses the unfused plan), including ties, saturation,
 * the Clip bounds, NaN and infinities.
 */
function chain(zType: 'int8' | 'uint8', scale: number, zp: number, clip?: [number, number]) {
  const b = new GraphBuilder('g');
  const x = b.input('x', 'float32', [12]);
  const s = b.initializer('s', Tensor.scalar('float32', scale));
  const z = b.initializer('z', Tensor.scalar(zType, zp));
  let q = b.op('QuantizeLinear', [x, s, z]);
  if (clip) q = b.op('Clip', [q, b.initializer('lo', Tensor.scalar(zType, clip[0])), b.initializer('hi', Tensor.scalar(zType, clip[1]))]);
  b.output(b.op('DequantizeLinear', [q, s, z]), 'float32', [12]);
  return b.model({ opset: 14 });
}

const X = Tensor.float32([12], [0.25, 0.75, -0.25, -0.75, 1.25, 100, -100, NaN, Infinity, -Infinity, 0.1 + 0.2, -0]);

describe('fused fake quantisers', () => {
  it.each([
    ['int8, scale 0.5', chain('int8', 0.5, 0)],
    ['int8, zero point 3, clip [-7, 7]', chain('int8', 0.5, 3, [-7, 7])],
    ['uint8, zero point 10', chain('uint8', 0.25, 10)],
    ['uint8, clip [0, 15]', chain('uint8', 1 / 15, 0, [0, 15])],
    ['int8 narrow weights', chain('int8', 0.01, 0, [-127, 127])],
  ])('%s: fused equals unfused bit for bit', (_, model) => {
    const sim = new Simulator(model);
    const fused = sim.run([X]).outputs[0].data as Float32Array;
    const traced = sim.run([X], { trace: true });
    const unfused = traced.outputs[0].data as Float32Array;
    expect(Array.from(fused, (v) => Object.is(v, -0) ? '-0' : v)).toEqual(Array.from(unfused, (v) => Object.is(v, -0) ? '-0' : v));
    // the traced run really is unfused: the integer tensor is visible
    expect(traced.trace!.entries.some((e) => e.opType === 'QuantizeLinear')).toBe(true);
  });

  it('matches hand-worked values: ties to even, saturation, clip', () => {
    const sim = new Simulator(chain('int8', 0.5, 0, [-3, 3]));
    const y = Array.from(sim.run([Tensor.float32([12], [0.25, 0.75, -0.25, -0.75, 1.25, 100, -100, 0, 1, -1, 1.4, 0.2])]).outputs[0].data as Float32Array);
    // x / 0.5 = 0.5 → 0, 1.5 → 2, -0.5 → -0, -1.5 → -2, 2.5 → 2, 200 → 3 (clip), -200 → -3, 0, 2, -2, 2.8 → 3, 0.4 → 0
    expect(y.map((v) => v + 0)).toEqual([0, 1, 0, -1, 1, 1.5, -1.5, 0, 1, -1, 1.5, 0]);
  });
});
