import { bram18Tiles, uramTiles } from '../memory';
import type { ResourceEstimate, WeightStorage } from '../types';
import { noResources, requirePositive } from './resources';

/**
 * One read-only parameter memory (a partition of a `static const` weight, threshold or parameter
 * array): `depth` words of `bits` bits, read once per cycle. ESTIMATES.
 *
 * The generated code partitions the lane dimensions (PE, SIMD, thresholds) completely, so each lane
 * reads its own memory, `depth` = the words the lane walks through (MVAU weights: NF·SF tiles;
 * thresholds and per-channel parameters: NF = C/PE):
 * - depth 1: a constant, folded into the logic that reads it (no storage);
 * - LUT-ROM (Vivado maps a small ROM to logic: each output bit is a function of the address):
 *   up to 32 words an output bit is a 5-input function and two of them share one LUT6_2 (LUT
 *   combining, on by default in Vivado synthesis): ⌈bits/2⌉ LUTs; beyond, a LUT6 holds 64 words of
 *   one bit: bits·⌈depth/64⌉ LUTs (the reference's c2 term, §3.2, which does not combine);
 *   plus the registered read, `bits` FF;
 * - BRAM / URAM: the tiling tables of memory.ts, one primitive set per partition (Vivado does not
 *   pack separate partitions into one block); the read register is inside the block;
 * - `auto`: LUT-ROM up to AUTO_LUTROM_MAX_DEPTH words (the reference's embedded-weights rule), BRAM beyond.
 */

export const LUTROM_WORDS_PER_LUT = 64;
/** Up to this depth two ROM bits share one LUT6_2. */
export const LUTROM_COMBINED_MAX_DEPTH = 32;
export const AUTO_LUTROM_MAX_DEPTH = 128;

export interface ParameterMemoryParams {
  depth: number;
  bits: number;
  storage?: WeightStorage;
}

/** LUTs of a LUT-ROM of `depth` words × `bits` bits. */
export function lutRomLuts(depth: number, bits: number): number {
  return depth <= LUTROM_COMBINED_MAX_DEPTH ? Math.ceil(bits / 2) : bits * Math.ceil(depth / LUTROM_WORDS_PER_LUT);
}

/** Where a parameter memory of this depth lives under the storage choice. */
export function parameterMemoryKind(depth: number, storage: WeightStorage = 'auto'): 'constant' | 'lut' | 'bram' | 'uram' {
  if (depth === 1) return 'constant';
  if (storage === 'auto') return depth <= AUTO_LUTROM_MAX_DEPTH ? 'lut' : 'bram';
  return storage;
}

/** Resources of one parameter memory. ESTIMATE. */
export function parameterMemoryResources(p: ParameterMemoryParams): ResourceEstimate {
  requirePositive('parameterMemoryResources', 'depth', p.depth);
  requirePositive('parameterMemoryResources', 'bits', p.bits);
  switch (parameterMemoryKind(p.depth, p.storage)) {
    case 'constant':
      return noResources();
    case 'lut':
      return { lut: lutRomLuts(p.depth, p.bits), ff: p.bits, bram18: 0, uram: 0, dsp: 0, notes: [] };
    case 'bram':
      return { lut: 0, ff: 0, bram18: bram18Tiles(p.depth, p.bits), uram: 0, dsp: 0, notes: [] };
    case 'uram':
      return { lut: 0, ff: 0, bram18: 0, uram: uramTiles(p.depth, p.bits), dsp: 0, notes: [] };
  }
}
