import type { AttributeInput, Tensor } from '@scanflow/ir';
import { describe, expect, it } from 'vitest';
import { erf } from './erf';
import { data, f32, i64, run1, t } from './run-op.test-support';

const F = Math.fround;

// [op, attributes, input, expected]: closed forms of the spec formulas, known constants rounded to float32
const cases: [string, Record<string, AttributeInput>, Tensor, (number | bigint)[]][] = [
  ['Relu', {}, f32([3], [-1, 0, 2.5]), [0, 0, 2.5]],
  ['Relu', {}, t('int8', [2], [-5, 5]), [0, 5]],
  ['Relu', {}, i64([-5, 5]), [0n, 5n]],
  // alpha = float32(0.01) = 0.0099999997…; -100 · alpha = -0.99999997… rounds to -1 in float32
  ['LeakyRelu', {}, f32([2], [-100, 3]), [-1, 3]],
  ['LeakyRelu', { alpha: 0.5 }, f32([2], [-4, 4]), [-2, 4]],
  ['Sigmoid', {}, f32([3], [0, 2, -Infinity]), [0.5, F(0.8807970779778823), 0]],
  // 0.2f · 1 + 0.5 = 0.70000000298… → float32 0.699999988…
  ['HardSigmoid', {}, f32([4], [-3, 0, 1, 3]), [0, 0.5, F(0.7000000029802322), 1]],
  ['HardSigmoid', { alpha: 0.5, beta: 0.25 }, f32([3], [1, -1, 2]), [0.75, 0, 1]],
  ['Tanh', {}, f32([3], [0, 1, -Infinity]), [0, F(0.7615941559557649), -1]],
  ['Softplus', {}, f32([4], [0, 100, -20, 1000]), [F(Math.LN2), 100, F(2.0611536203143573e-9), 1000]],
  ['Erf', {}, f32([5], [0, 0.5, 1, -2, 10]), [0, F(0.5204998778130465), F(0.8427007929497149), F(-0.9953222650189527), 1]],
];

describe('activations', () => {
  it.each(cases)('%s %#', (op, attrs, x, expected) => {
    expect(data(run1(op, [x], attrs))).toEqual(expected);
  });

  it('erf is accurate to double precision (tabulated values)', () => {
    const table: [number, number][] = [
      [0.1, 0.1124629160182849],
      [1.5, 0.9661051464753108],
      [3, 0.9999779095030014],
      [5, 0.9999999999984626],
      [-0.25, -0.2763263901682369],
    ];
    for (const [x, want] of table) expect(Math.abs(erf(x) - want)).toBeLessThan(2e-16 * Math.max(1, Math.abs(want)) * 4);
  });
});
