import { beforeAll, describe, expect, it } from 'vitest';
import { fakeQuant } from './fake-quant';
import { initTf, tf } from './tf';

beforeAll(async () => {
  await initTf();
});

describe('fakeQuant', () => {
  it('clamp(round_half_even(x / s), lo, hi) · s (hand-computed)', () => {
    const x = tf.tensor1d([-3.3, -0.75, -0.25, 0.25, 0.75, 1.25, 2.0, 9.0]);
    // x / 0.5 = −6.6, −1.5, −0.5, 0.5, 1.5, 2.5, 4, 18 → −7, −2, −0, 0, 2, 2, 4, 18 → clamp [−4, 3] → × 0.5
    const y = fakeQuant(x, tf.scalar(0.5), tf.scalar(-4), tf.scalar(3));
    // (+ 0 turns tfjs's −0 into 0: the sign of a zero changes nothing downstream)
    expect(Array.from(y.dataSync(), (v) => v + 0)).toEqual([-2, -1, 0, 0, 1, 1, 1.5, 1.5]);
  });

  it('passes the gradient where the quantiser does not clamp (straight-through estimator)', () => {
    const x = tf.tensor1d([-3.3, -0.75, -0.25, 0.25, 0.75, 1.25, 2.0, 9.0]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(fakeQuant(v, tf.scalar(0.5), tf.scalar(-4), tf.scalar(3)), tf.tensor1d([1, 2, 3, 4, 5, 6, 7, 8]))))(x);
    // inside [−4, 3] after scaling: all but −6.6, 4 and 18
    expect(Array.from(g.dataSync())).toEqual([0, 2, 3, 4, 5, 6, 0, 0]);
  });

  it('takes one scale and range per column', () => {
    const x = tf.tensor2d([
      [0.6, 0.6, 0.6],
      [-5, 5, -0.1],
    ]);
    // column scales 1, 0.5, 0.25; ranges [−2, 1], [−8, 7], [0, 3]
    const y = fakeQuant(x, tf.tensor1d([1, 0.5, 0.25]), tf.tensor1d([-2, -8, 0]), tf.tensor1d([1, 7, 3]));
    // 0.6 → 1·1, round(1.2)·0.5 = 0.5, round(2.4)·0.25 = 0.5; −5 → −2, 5 → round(10) = 10 → 7 · 0.5 = 3.5, −0.4 → −0 → 0
    expect(Array.from(y.dataSync(), (v) => v + 0)).toEqual([1, 0.5, 0.5, -2, 3.5, 0]);
  });
});
