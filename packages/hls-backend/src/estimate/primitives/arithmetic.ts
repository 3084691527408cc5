import { bitsFor } from './resources';

/**
 * LUT costs of the arithmetic the kernels are made of, on UltraScale+ LUT6 + CARRY8. ESTIMATES.
 *
 * - Adder / subtractor: one LUT per operand bit drives one carry-chain stage; the carry-out gives
 *   the extra result bit for free: an adder of operands of at most w bits costs w LUTs.
 * - Comparator a ≥ b on the carry chain, one stage per LUT:
 *   - both operands variable: a LUT6_2 computes "equal" (S) and "greater" (DI) of a 2-bit pair of
 *     each operand (4 shared inputs), so ⌈n/2⌉ LUTs for n bits;
 *   - one operand constant: both functions depend on the variable operand's bits only, so a LUT6_2
 *     covers 3 bits: ⌈n/3⌉ LUTs.
 * - Adder trees (HLS balances a chain of additions into a tree): adjacent operands are added in
 *   pairs level by level, an odd one passes to the next level; widths grow by the carry.
 */

/** LUTs of an adder / subtractor whose operands have at most `bits` bits. */
export function adderLuts(bits: number): number {
  return bits;
}

/** LUTs of an n-bit comparator against a variable or a constant operand. */
export function comparatorLuts(bits: number, operand: 'variable' | 'constant'): number {
  return Math.ceil(bits / (operand === 'constant' ? 3 : 2));
}

/** Shape and cost of an adder tree. */
export interface AdderTree {
  /** LUTs of all adders. */
  lut: number;
  /** Adder levels (0 for a single operand). */
  levels: number;
  /** Bits of the values live after each level (index 0 = after level 1): the register cost of a pipeline cut there. */
  liveBits: number[];
  /** Width of the result. */
  outBits: number;
}

interface Operand {
  bits: number;
  /** Largest value for unsigned counts (popcount); undefined for signed growth by one bit per add. */
  max?: number;
}

function reduce(operands: Operand[], capBits: number): AdderTree {
  let values = operands;
  let lut = 0;
  const liveBits: number[] = [];
  while (values.length > 1) {
    const next: Operand[] = [];
    for (let k = 0; k + 1 < values.length; k += 2) {
      const a = values[k];
      const b = values[k + 1];
      lut += adderLuts(Math.min(capBits, Math.max(a.bits, b.bits)));
      if (a.max !== undefined && b.max !== undefined) {
        const max = a.max + b.max;
        next.push({ bits: Math.min(capBits, bitsFor(max)), max });
      } else {
        next.push({ bits: Math.min(capBits, Math.max(a.bits, b.bits) + 1) });
      }
    }
    if (values.length % 2 === 1) next.push(values[values.length - 1]);
    values = next;
    liveBits.push(values.reduce((s, v) => s + v.bits, 0));
  }
  return { lut, levels: liveBits.length, liveBits, outBits: values[0]?.bits ?? 0 };
}

/** Tree adding `count` signed operands of `bits` bits each, widths capped at `capBits` (the accumulator type). */
export function adderTree(count: number, bits: number, capBits = Infinity): AdderTree {
  return reduce(Array.from({ length: count }, () => ({ bits })), capBits);
}

/** Tree counting `count` one-bit values (the threshold count): widths follow the largest partial count. */
export function popcountTree(count: number): AdderTree {
  return reduce(Array.from({ length: count }, () => ({ bits: 1, max: 1 })), Infinity);
}
