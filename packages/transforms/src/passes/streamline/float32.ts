/**
 * float32 helpers: an order-preserving map from finite float32 values to integers (so that searches
 * over "every float32 value" are binary searches over integers), and float32 rounding.
 */

const view = new DataView(new ArrayBuffer(4));

/** The largest finite float32. */
export const F32_MAX = 3.4028234663852886e38;

/** The key of a float32 value: order preserving, -0 and +0 both 0, ±Infinity at ±0x7f800000. */
export function keyOf(x: number): number {
  view.setFloat32(0, x);
  const bits = view.getInt32(0);
  return bits < 0 ? -(bits & 0x7fffffff) + 0 : bits;
}

/** The float32 value of a key (inverse of keyOf). */
export function valueOfKey(k: number): number {
  view.setInt32(0, k < 0 ? -k | 0x80000000 : k);
  return view.getFloat32(0);
}

/** Key range of the finite float32 values. */
export const KEY_MIN = -0x7f7fffff;
export const KEY_MAX = 0x7f7fffff;

/** The smallest float32 that is >= x (x itself when it is a float32). */
export function float32AtLeast(x: number): number {
  if (Number.isNaN(x)) return x;
  const f = Math.fround(x);
  if (f >= x) return f;
  return valueOfKey(keyOf(f) + 1);
}

/**
 * For a non-decreasing function `level` over the ordered domain [lo, hi] (integers: float32 keys or
 * plain integers), the smallest point reaching each target level; hi + 1 where none does. All targets
 * are searched together: `level` is called with a batch of points per step.
 */
export function firstReaching(level: (points: number[]) => number[], targets: readonly number[], lo: number, hi: number): number[] {
  const a = targets.map(() => lo);
  const b = targets.map(() => hi + 1);
  // invariant: level(a - 1) < target (or a = lo), level(b) >= target (or b = hi + 1)
  for (;;) {
    const open: number[] = [];
    for (let i = 0; i < targets.length; i++) if (a[i] < b[i]) open.push(i);
    if (!open.length) return a;
    const mids = open.map((i) => a[i] + Math.floor((b[i] - a[i]) / 2));
    const lv = level(mids);
    open.forEach((i, k) => {
      if (lv[k] >= targets[i]) b[i] = mids[k];
      else a[i] = mids[k] + 1;
    });
  }
}
