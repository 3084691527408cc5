import { Rng } from '@scanflow/builders';

/** The seeded draws the order-flow model needs, on top of the builders' uniform PRNG (mulberry32). */
export class FlowRandom {
  private readonly rng: Rng;

  constructor(seed: number) {
    this.rng = new Rng(seed);
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.rng.next();
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.rng.next() < p;
  }

  /** Geometric on {1, 2, ...} with the given mean (≥ 1). */
  geometric(mean: number): number {
    if (mean <= 1) return 1;
    const p = 1 / mean;
    return 1 + Math.floor(Math.log(1 - this.rng.next()) / Math.log(1 - p));
  }

  /** An index drawn with the given (unnormalised, non-negative) weights. */
  categorical(weights: ArrayLike<number>, total?: number): number {
    let sum = total ?? 0;
    if (total === undefined) for (let i = 0; i < weights.length; i++) sum += weights[i];
    let u = this.rng.next() * sum;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) return i;
    }
    return weights.length - 1;
  }
}
