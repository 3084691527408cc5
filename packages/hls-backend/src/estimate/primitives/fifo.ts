import { bram18Tiles } from '../memory';
import type { ResourceEstimate } from '../types';
import { adderLuts, comparatorLuts } from './arithmetic';
import { lutramLuts } from './lutram';
import { bitsFor, requirePositive } from './resources';

/**
 * One hls::stream FIFO of `depth` words × `bits` bits (the STREAM depth the code generator sets).
 * ESTIMATES.
 *
 * Implementation rule (`auto`, our reading of Vitis HLS's default FIFO binding, UG1399
 * config_storage: shift-register FIFOs up to auto_srl_max_bits = 1024 bits):
 * - SRL when depth ≤ 2 or depth·bits ≤ AUTO_SRL_MAX_BITS: data in SLICEM shift registers, two
 *   SRL16E per LUT6 up to 16 words (⌈bits/2⌉ LUTs), else SRLC32E, bits·⌈depth/32⌉ LUTs; control =
 *   an up/down address counter (p = bits of the depth) and the empty / full flags: p + 2 LUTs, p + 2 FF;
 * - otherwise a RAM FIFO: LUT-RAM up to 64 words (lutram.ts), else block RAM (memory.ts tiling);
 *   control = read and write pointers (2p LUTs, 2p FF), the full / empty compare of the two
 *   pointers (2·⌈p/2⌉ LUTs), flags (2 LUT, 2 FF), and the registered read word (`bits` FF).
 * For comparison, FINN's RTL FIFO model (reference §3.5) is 2·⌈log2 d⌉ + ⌈d/32⌉·⌈W/2⌉ LUTs.
 */

export const AUTO_SRL_MAX_BITS = 1024;
/** Deepest RAM FIFO kept in LUT-RAM by `auto`. */
export const AUTO_LUTRAM_FIFO_MAX_DEPTH = 64;

export type FifoImpl = 'auto' | 'srl' | 'lutram' | 'bram';

export interface FifoParams {
  depth: number;
  bits: number;
  impl?: FifoImpl;
}

/** The implementation `auto` picks for a FIFO of this shape. */
export function fifoImpl(depth: number, bits: number, impl: FifoImpl = 'auto'): Exclude<FifoImpl, 'auto'> {
  if (impl !== 'auto') return impl;
  if (depth <= 2 || depth * bits <= AUTO_SRL_MAX_BITS) return 'srl';
  return depth <= AUTO_LUTRAM_FIFO_MAX_DEPTH ? 'lutram' : 'bram';
}

/** Resources of one FIFO. ESTIMATE. */
export function fifoResources(p: FifoParams): ResourceEstimate {
  requirePositive('fifoResources', 'depth', p.depth);
  requirePositive('fifoResources', 'bits', p.bits);
  const impl = fifoImpl(p.depth, p.bits, p.impl);
  const ptr = bitsFor(p.depth);
  const notes = [`FIFO ${p.depth} × ${p.bits} bits in ${impl === 'srl' ? 'SRLs' : impl === 'lutram' ? 'LUT-RAM' : 'BRAM'}`];
  if (impl === 'srl') {
    const data = p.depth <= 16 ? Math.ceil(p.bits / 2) : p.bits * Math.ceil(p.depth / 32);
    return { lut: data + adderLuts(ptr) + 2, ff: ptr + 2, bram18: 0, uram: 0, dsp: 0, notes };
  }
  const control = 2 * adderLuts(ptr) + 2 * comparatorLuts(ptr, 'variable') + 2;
  const ff = 2 * ptr + 2 + p.bits;
  if (impl === 'lutram') return { lut: lutramLuts(p.depth, p.bits) + control, ff, bram18: 0, uram: 0, dsp: 0, notes };
  return { lut: control, ff, bram18: bram18Tiles(p.depth, p.bits), uram: 0, dsp: 0, notes };
}
