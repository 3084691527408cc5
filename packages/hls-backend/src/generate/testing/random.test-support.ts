import { Rng as BuilderRng } from '@scanflow/builders';
import type { DataType } from '@scanflow/ir';

/** The builders' seeded generator plus the integer helpers the code-generation tests need. */
export class Rng extends BuilderRng {
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
