import { FEATURE_ROWS, type Fi2010Data } from './fi2010-format';
import { HORIZONS } from './labels';

/** Samples laid end to end (files concatenated as columns) with one horizon's classes 0, 1, 2. */
export interface SampleSeries {
  events: number;
  /** [events × 40], sample-major. */
  features: Float32Array;
  /** The class (label − 1) of each sample for the chosen horizon. */
  classes: Uint8Array;
}

/** Concatenates files (like DeepLOB's hstack of the test days) and picks horizon `k`'s labels. */
export function concatSeries(parts: readonly Fi2010Data[], k: number): SampleSeries {
  const h = HORIZONS.indexOf(k as (typeof HORIZONS)[number]);
  if (h < 0) throw new RangeError(`horizon ${k} is not one of FI-2010's ${HORIZONS.join(', ')}`);
  const events = parts.reduce((n, p) => n + p.events, 0);
  const features = new Float32Array(events * FEATURE_ROWS);
  const classes = new Uint8Array(events);
  let o = 0;
  for (const p of parts) {
    features.set(p.features, o * FEATURE_ROWS);
    for (let t = 0; t < p.events; t++) classes[o + t] = p.labels[h * p.events + t] - 1;
    o += p.events;
  }
  return { events, features, classes };
}

/** Samples [start, end) of a series. */
export function sliceSeries(s: SampleSeries, start: number, end: number): SampleSeries {
  return { events: end - start, features: s.features.subarray(start * FEATURE_ROWS, end * FEATURE_ROWS), classes: s.classes.subarray(start, end) };
}

/**
 * DeepLOB's windows over a series: window i holds samples [i, i + T) and is labelled with the class
 * of its last sample, i + T − 1; there are events − T + 1 of them.
 */
export class WindowSet {
  readonly count: number;

  constructor(
    readonly series: SampleSeries,
    readonly window: number,
  ) {
    this.count = Math.max(0, series.events - window + 1);
  }

  get features(): number {
    return FEATURE_ROWS;
  }

  label(i: number): number {
    return this.series.classes[i + this.window - 1];
  }

  labels(): Uint8Array {
    return this.series.classes.slice(this.window - 1, this.window - 1 + this.count);
  }

  /** Windows `indices` as one [indices.length × T × 40] block (row-major), into `out` if given. */
  gather(indices: ArrayLike<number>, out?: Float32Array): Float32Array {
    const size = this.window * FEATURE_ROWS;
    const x = out ?? new Float32Array(indices.length * size);
    for (let b = 0; b < indices.length; b++) {
      const i = indices[b];
      if (!(i >= 0 && i < this.count)) throw new RangeError(`window ${i} is outside [0, ${this.count})`);
      x.set(this.series.features.subarray(i * FEATURE_ROWS, i * FEATURE_ROWS + size), b * size);
    }
    return x;
  }

  /** How many windows of each class. */
  classCounts(classes = 3): number[] {
    const c = new Array<number>(classes).fill(0);
    for (let i = 0; i < this.count; i++) c[this.label(i)]++;
    return c;
  }
}
