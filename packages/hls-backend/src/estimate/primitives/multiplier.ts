import type { ResourceEstimate } from '../types';
import { adderLuts } from './arithmetic';
import { requirePositive } from './resources';

/**
 * One integer product a × b: LUT fabric or DSP48E2, and what it costs. ESTIMATES.
 *
 * Policy `auto` (our assumption of what Vitis HLS + Vivado do by default): products with at most
 * AUTO_LUT_MAX_PARTIAL_PRODUCTS partial-product bits (a·b ≤ 100, i.e. up to 10 × 10 bits, or a
 * narrow operand against a wide one such as 18 × 4) go to LUTs, larger ones to a DSP. `lut` / `dsp`
 * force the choice (BIND_OP impl=fabric / dsp).
 *
 * LUT multiplier (reference §3.2, FINN-R): (2·⌈(a+b)/6⌉ − 1)·(a+b) LUTs; for 18 × 18 this gives
 * 396, in line with the 365–401 LUTs of Vivado's 18 × 18 LUT multiplier IP. One pipeline register
 * of a + b bits after it (latency 1, see depth.ts).
 * Constant coefficient (a weight that is a constant because its memory has one word): a product
 * whose variable operand has at most 6 bits is one LUT6 per product bit (a + b); otherwise
 * shift-and-add over the constant's canonical-signed-digit form, ≈ ⌈b/3⌉ adders of a + b bits;
 * never more than the general multiplier. Zero or power-of-two weights would cost less.
 * DSP48E2: a 27 × 18 signed multiplier; wider products tile it: ⌈max/27⌉·⌈min/18⌉ slices. Its
 * pipeline registers are inside the slice (no fabric FF).
 */

export type MultiplierPolicy = 'auto' | 'lut' | 'dsp';

/** `auto` keeps a product in LUTs while a·b is at most this many partial-product bits (10 × 10). */
export const AUTO_LUT_MAX_PARTIAL_PRODUCTS = 100;
/** DSP48E2 multiplier operand widths (signed). */
export const DSP_MULTIPLIER_A_BITS = 27;
export const DSP_MULTIPLIER_B_BITS = 18;
/** Inputs of one LUT6: a function of at most this many bits is one LUT per output bit. */
export const LUT_INPUTS = 6;

/** Where a product goes and why. */
export interface MultiplierChoice {
  impl: 'lut' | 'dsp';
  /** e.g. "multipliers: 8×6-bit products in LUTs (auto: 8·6 = 48 ≤ 100 partial-product bits)". */
  note: string;
}

/** Applies the policy to an aBits × bBits product. */
export function chooseMultiplier(aBits: number, bBits: number, policy: MultiplierPolicy = 'auto'): MultiplierChoice {
  const pp = aBits * bBits;
  const impl = policy === 'auto' ? (pp <= AUTO_LUT_MAX_PARTIAL_PRODUCTS ? 'lut' : 'dsp') : policy;
  const where = impl === 'lut' ? 'LUTs' : 'DSP48E2';
  const why =
    policy === 'auto'
      ? `auto: ${aBits}·${bBits} = ${pp} ${pp <= AUTO_LUT_MAX_PARTIAL_PRODUCTS ? '≤' : '>'} ${AUTO_LUT_MAX_PARTIAL_PRODUCTS} partial-product bits`
      : `policy '${policy}'`;
  return { impl, note: `multipliers: ${aBits}×${bBits}-bit products in ${where} (${why})` };
}

/** LUTs of a general aBits × bBits LUT multiplier (reference §3.2). */
export function lutMultiplierLuts(aBits: number, bBits: number): number {
  const w = aBits + bBits;
  return (2 * Math.ceil(w / 6) - 1) * w;
}

/** LUTs of a product of a varBits variable and a constBits constant. */
export function constantMultiplierLuts(varBits: number, constBits: number): number {
  const w = varBits + constBits;
  const table = varBits <= LUT_INPUTS ? w : Math.ceil(constBits / 3) * adderLuts(w);
  return Math.min(table, lutMultiplierLuts(varBits, constBits));
}

/** DSP48E2 slices of one product. */
export function dspPerProduct(aBits: number, bBits: number): number {
  const wide = Math.max(aBits, bBits);
  const narrow = Math.min(aBits, bBits);
  return Math.ceil(wide / DSP_MULTIPLIER_A_BITS) * Math.ceil(narrow / DSP_MULTIPLIER_B_BITS);
}

export interface MultiplierParams {
  /** Bits of the variable operand (the input). */
  aBits: number;
  /** Bits of the other operand (a weight or a second input). */
  bBits: number;
  policy?: MultiplierPolicy;
  /** The b operand is a compile-time constant (a one-word weight memory, a scalar). Default false. */
  constantB?: boolean;
}

/** Resources of one product, with the choice stated in `notes` and returned in `impl`. ESTIMATE. */
export function multiplierResources(p: MultiplierParams): ResourceEstimate & { impl: 'lut' | 'dsp' } {
  requirePositive('multiplierResources', 'aBits', p.aBits);
  requirePositive('multiplierResources', 'bBits', p.bBits);
  const choice = chooseMultiplier(p.aBits, p.bBits, p.policy ?? 'auto');
  const notes = [choice.note];
  if (choice.impl === 'dsp') {
    return { impl: 'dsp', lut: 0, ff: 0, bram18: 0, uram: 0, dsp: dspPerProduct(p.aBits, p.bBits), notes };
  }
  const lut = p.constantB ? constantMultiplierLuts(p.aBits, p.bBits) : lutMultiplierLuts(p.aBits, p.bBits);
  if (p.constantB) notes.push('constant-coefficient products (one-word weight memories)');
  return { impl: 'lut', lut, ff: p.aBits + p.bBits, bram18: 0, uram: 0, dsp: 0, notes };
}
