import type { ResourceEstimate } from '../types';
import { muxLuts, requirePositive } from './resources';

/**
 * An array held in flip-flops, e.g. the recurrent state h / c of a fused step kept as a ping-pong
 * pair (copies = 2: one copy read as h_{t−1} while the other is written with h_t). ESTIMATES.
 *
 * - FF = elements·bits·copies;
 * - read: each of the `readLanes` elements read per cycle selects among the ⌈elements/readLanes⌉
 *   positions it can come from in each copy: readLanes·bits·muxLuts(copies·⌈elements/readLanes⌉)
 *   LUTs (a full-width read of one copy, readLanes = elements, copies = 2, is a 2:1 mux per bit);
 * - write: the clock enables of the registers, decoded per written group: copies·⌈elements/writeLanes⌉
 *   LUTs when there is more than one group (none for a single full-width copy). Several write
 *   sources (initial state and next state) would add a data mux, not modelled here.
 */

export interface RegisterArrayParams {
  elements: number;
  bits: number;
  /** Copies of the array (2 = ping-pong). Default 1. */
  copies?: number;
  /** Elements read per cycle. Default all (fully parallel read). */
  readLanes?: number;
  /** Elements written per cycle. Default all. */
  writeLanes?: number;
}

/** Resources of a register array. ESTIMATE. */
export function registerArrayResources(p: RegisterArrayParams): ResourceEstimate {
  const where = 'registerArrayResources';
  const copies = p.copies ?? 1;
  const readLanes = p.readLanes ?? p.elements;
  const writeLanes = p.writeLanes ?? p.elements;
  for (const [field, v] of [['elements', p.elements], ['bits', p.bits], ['copies', copies], ['readLanes', readLanes], ['writeLanes', writeLanes]] as const) {
    requirePositive(where, field, v);
  }
  const readMux = Math.min(readLanes, p.elements) * p.bits * muxLuts(copies * Math.ceil(p.elements / readLanes));
  const groups = copies * Math.ceil(p.elements / writeLanes);
  const enables = groups > 1 ? groups : 0;
  return {
    lut: readMux + enables,
    ff: p.elements * p.bits * copies,
    bram18: 0,
    uram: 0,
    dsp: 0,
    notes: [`register array ${p.elements} × ${p.bits} bits × ${copies} cop${copies === 1 ? 'y' : 'ies'}`],
  };
}
