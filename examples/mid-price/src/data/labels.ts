/**
 * FI-2010's label rule (Ntakaris et al. 2018; TransLOB §2): with p(t) the mid-price at sample t and
 * m⁺ₖ(t) = (1/k) Σₙ₌₁ᵏ p(t+n) the mean of the next k mid-prices, r = (m⁺ₖ(t) − p(t)) / p(t) is an
 * up-move when r > α, a down-move when r < −α, stationary otherwise.
 *
 * Label values as written in the files: 1 = down, 2 = stationary, 3 = up (the order LOBCAST maps
 * label − 1 onto; which of 1 / 3 means "up" in the real FI-2010 files is not settled, and neither
 * accuracy nor macro-F1 depends on it). Classes in the model are label − 1.
 */
export const LABEL_DOWN = 1;
export const LABEL_STATIONARY = 2;
export const LABEL_UP = 3;

/** FI-2010's five horizons, in samples (10 events each): rows 145…149 of a file. */
export const HORIZONS = [1, 2, 3, 5, 10] as const;

/** The label of sample t for horizon k; needs mids[t + k]. */
export function labelAt(mids: ArrayLike<number>, t: number, k: number, alpha: number): number {
  if (t + k >= mids.length) throw new RangeError(`labelAt: sample ${t} with horizon ${k} needs ${t + k + 1} mid-prices, got ${mids.length}`);
  let sum = 0;
  for (let n = 1; n <= k; n++) sum += mids[t + n];
  const p = mids[t];
  const r = (sum / k - p) / p;
  return r > alpha ? LABEL_UP : r < -alpha ? LABEL_DOWN : LABEL_STATIONARY;
}

/** Labels of the first `samples` samples for one horizon. */
export function labelSeries(mids: ArrayLike<number>, samples: number, k: number, alpha: number): Uint8Array {
  const out = new Uint8Array(samples);
  for (let t = 0; t < samples; t++) out[t] = labelAt(mids, t, k, alpha);
  return out;
}
