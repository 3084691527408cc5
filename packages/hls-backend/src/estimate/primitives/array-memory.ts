import { bram18Tiles } from '../memory';
import type { ResourceEstimate } from '../types';
import { lutramLuts } from './lutram';
import { muxLuts, requirePositive } from './resources';

/**
 * A local read-write array (e.g. a state array of the recurrence, SCANFLOW_STATE_PARTITION) split
 * cyclically into `partition` banks of ⌈elements/partition⌉ words, one read and one write per bank
 * and cycle. ESTIMATES.
 *
 * - banks of one word (fully partitioned), or storage 'register': flip-flops, elements·bits FF,
 *   plus a read mux of the bank's words when a register bank holds several (bits·muxLuts(depth));
 * - `auto`: LUT-RAM for banks of up to AUTO_LUTRAM_MAX_DEPTH words (lutram.ts, plus a registered
 *   read of `bits` FF per bank), block RAM beyond (memory.ts tiling, one set per bank).
 */

export const AUTO_LUTRAM_MAX_DEPTH = 64;

export interface ArrayMemoryParams {
  elements: number;
  bits: number;
  /** Cyclic partition factor (banks); ≥ elements means fully partitioned. */
  partition: number;
  storage?: 'auto' | 'register' | 'lut' | 'bram';
}

/** Where the banks of such an array live. */
export function arrayMemoryKind(p: ArrayMemoryParams): 'register' | 'lut' | 'bram' {
  const depth = Math.ceil(p.elements / Math.min(p.partition, p.elements));
  const storage = p.storage ?? 'auto';
  if (storage !== 'auto') return storage;
  if (depth === 1) return 'register';
  return depth <= AUTO_LUTRAM_MAX_DEPTH ? 'lut' : 'bram';
}

/** Resources of a partitioned local array. ESTIMATE. */
export function arrayMemoryResources(p: ArrayMemoryParams): ResourceEstimate {
  requirePositive('arrayMemoryResources', 'elements', p.elements);
  requirePositive('arrayMemoryResources', 'bits', p.bits);
  requirePositive('arrayMemoryResources', 'partition', p.partition);
  const banks = Math.min(p.partition, p.elements);
  const depth = Math.ceil(p.elements / banks);
  const kind = arrayMemoryKind(p);
  const notes = [`array ${p.elements} × ${p.bits} bits in ${banks} bank(s) of ${depth} word(s): ${kind === 'register' ? 'registers' : kind === 'lut' ? 'LUT-RAM' : 'BRAM'}`];
  if (kind === 'register') {
    return { lut: banks * p.bits * muxLuts(depth), ff: p.elements * p.bits, bram18: 0, uram: 0, dsp: 0, notes };
  }
  if (kind === 'lut') {
    return { lut: banks * lutramLuts(depth, p.bits), ff: banks * p.bits, bram18: 0, uram: 0, dsp: 0, notes };
  }
  return { lut: 0, ff: 0, bram18: banks * bram18Tiles(depth, p.bits), uram: 0, dsp: 0, notes };
}
