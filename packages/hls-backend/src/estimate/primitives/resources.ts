import { HlsEstimateError, type ResourceEstimate } from '../types';

/**
 * Helpers shared by the primitive models. Device facts used across the folder (AMD UltraScale+,
 * XCZU7EV): a CLB LUT6 computes any function of 6 inputs, or two functions of the same 5 inputs
 * (LUT6_2), or works as a 64 × 1 ROM, a 32-deep shift register (SRLC32E) or LUT-RAM; CARRY8
 * carry chains give one adder / comparator bit per LUT.
 */

/** An estimate with every resource at zero. */
export function noResources(notes: string[] = []): ResourceEstimate {
  return { lut: 0, ff: 0, bram18: 0, uram: 0, dsp: 0, notes: [...notes] };
}

/** Field-wise sum; notes are concatenated without repeats, in order. */
export function sumResources(...parts: ResourceEstimate[]): ResourceEstimate {
  const total = noResources();
  for (const p of parts) {
    total.lut += p.lut;
    total.ff += p.ff;
    total.bram18 += p.bram18;
    total.uram += p.uram;
    total.dsp += p.dsp;
    for (const n of p.notes) if (!total.notes.includes(n)) total.notes.push(n);
  }
  return total;
}

/** `count` copies of the same logic (e.g. PE lanes); notes are kept once. */
export function scaleResources(r: ResourceEstimate, count: number): ResourceEstimate {
  return {
    lut: r.lut * count,
    ff: r.ff * count,
    bram18: r.bram18 * count,
    uram: r.uram * count,
    dsp: r.dsp * count,
    notes: [...r.notes],
  };
}

/** Bits of an unsigned value that holds 0 .. maxValue (at least 1). */
export function bitsFor(maxValue: number): number {
  return maxValue < 2 ? 1 : Math.ceil(Math.log2(maxValue + 1));
}

/**
 * LUT6 per output bit of an n:1 multiplexer: one LUT6 is a 4:1 mux (4 data + 2 select inputs), so
 * a tree of them removes 3 inputs per LUT: ⌈(n − 1)/3⌉ (0 for n ≤ 1). The slice's F7/F8 muxes
 * would save some of these; the model does not count on them.
 */
export function muxLuts(inputs: number): number {
  return inputs <= 1 ? 0 : Math.ceil((inputs - 1) / 3);
}

/** Throws unless `value` is a positive integer, naming the primitive and the field. */
export function requirePositive(primitive: string, field: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new HlsEstimateError(`${primitive}: ${field} must be a positive integer, got ${value}`);
  }
}
