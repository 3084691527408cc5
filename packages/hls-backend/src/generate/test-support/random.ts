import type { DataType } from '@scanflow/ir';

/** A small seeded generator (mulberry32) for reproducible test data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  ints(n: number, lo: number, hi: number): number[] {
    return Array.from({ length: n }, () => this.int(lo, hi));
  }

  /** n values of a datatype's range. */
  of(dt: DataType, n: number): number[] {
    return this.ints(n, dt.min, dt.max);
  }

  /** rows × nt thresholds in [lo, hi], each row sorted. */
  thresholds(rows: number, nt: number, lo: number, hi: number): number[] {
    const out: number[] = [];
    for (let r = 0; r < rows; r++) out.push(...this.ints(nt, lo, hi).sort((a, b) => a - b));
    return out;
  }
}
