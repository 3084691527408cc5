import { tf } from './tf';

/**
 * A fake quantiser with the straight-through estimator, computing exactly what a QCDQ chain
 * (QuantizeLinear → Clip → DequantizeLinear, zero point 0) computes in float32:
 *
 *   y = clamp(round_half_even(x / s), lo, hi) · s
 *
 * (tfjs's round is round-half-to-even, its division and product float32 like the simulator's).
 * `scale`, `lo` and `hi` broadcast against x along its last axis, so one call can quantise the four
 * LSTM gates, each with its own scale and bit width. Backward: the gradient passes where
 * lo ≤ x / s ≤ hi and is zero where the quantiser clamps; the scale gets no gradient (scales are
 * fixed by calibration, or follow the weights).
 */
export function fakeQuant(x: tf.Tensor, scale: tf.Tensor, lo: tf.Tensor, hi: tf.Tensor): tf.Tensor {
  const f = tf.customGrad(((xs: tf.Tensor, s: tf.Tensor, save: tf.GradSaveFunc) => {
    const v = tf.div(xs, s);
    save([v, lo, hi]);
    return {
      value: tf.mul(tf.minimum(tf.maximum(tf.round(v), lo), hi), s),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [v, l, h] = saved;
        const inside = tf.logicalAnd(tf.greaterEqual(v, l), tf.lessEqual(v, h));
        return [tf.mul(dy, tf.cast(inside, 'float32')), tf.zerosLike(s)];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return f(x, scale);
}
