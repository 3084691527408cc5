import type { ResourceEstimate } from '../types';
import { loopControlResources } from './control';
import { requirePositive, sumResources } from './resources';

/**
 * scanflow::convert_elements<N, TI, TO>: every lane's element converted from TI to TO (sign
 * extension when widening, truncation when narrowing). ESTIMATES.
 * The conversion itself is wiring (0 LUT); the stage registers the converted word (lanes·toBits
 * FF). As a dataflow process of its own it has loop control (control.ts), unless `inline`.
 */

export interface TypeConverterParams {
  fromBits: number;
  toBits: number;
  /** Elements per word. */
  lanes: number;
  trips?: number;
  inline?: boolean;
}

/** Resources of one type-conversion stage. ESTIMATE. */
export function typeConverterResources(p: TypeConverterParams): ResourceEstimate {
  requirePositive('typeConverterResources', 'fromBits', p.fromBits);
  requirePositive('typeConverterResources', 'toBits', p.toBits);
  requirePositive('typeConverterResources', 'lanes', p.lanes);
  const word: ResourceEstimate = {
    lut: 0,
    ff: p.lanes * p.toBits,
    bram18: 0,
    uram: 0,
    dsp: 0,
    notes: [`type converter ${p.fromBits} → ${p.toBits} bits × ${p.lanes}: wiring and a word register`],
  };
  return sumResources(word, ...(p.inline ? [] : [loopControlResources({ trips: p.trips })]));
}
