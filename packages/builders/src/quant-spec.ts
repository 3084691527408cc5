import { quantIntRange } from '@scanflow/ir';

/** One uniform quantiser: bit width, signedness, narrow range, and its scale (zero point 0). */
export interface QuantSpec {
  bits: number;
  signed: boolean;
  narrow: boolean;
  scale: number;
}

/** A quantiser given either fully, or as a bit width (or partly) with defaults filled in. */
export type QuantInput = number | Partial<QuantSpec>;

/** Fills in a quantiser from `defaults` and a bit width or partial spec. */
export function resolveQuant(input: QuantInput | undefined, defaults: QuantSpec): QuantSpec {
  if (input === undefined) return { ...defaults };
  if (typeof input === 'number') return { ...defaults, bits: input };
  return { ...defaults, ...input };
}

/** The integer range of a quantiser. */
export function quantRange(q: QuantSpec): [number, number] {
  return quantIntRange(q.bits, q.signed, q.narrow);
}

/** A scale that maps [-absMax, absMax] (signed) or [0, absMax] (unsigned) onto the quantiser's integer range. */
export function scaleFor(absMax: number, bits: number, signed: boolean, narrow = false): number {
  const [, hi] = quantIntRange(bits, signed, narrow);
  return Math.fround(absMax / hi);
}
