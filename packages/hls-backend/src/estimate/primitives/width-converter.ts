import { gcd } from '../../integer-math';
import type { ResourceEstimate } from '../types';
import { adderLuts, comparatorLuts } from './arithmetic';
import { loopControlResources } from './control';
import { bitsFor, muxLuts, requirePositive, sumResources } from './resources';

/**
 * scanflow::stream_width_convert<IN, OUT> (and repack_elements, which is the same kernel): an
 * (IN + OUT)-bit shift buffer, a fill counter, `buf |= in << fill` and `buf >>= OUT`. ESTIMATES.
 *
 * With g = gcd(IN, OUT), a new input word lands at one of n = OUT/g bit offsets (fill < OUT is a
 * multiple of g). Each buffer bit then selects among its kept value, its value shifted down by OUT,
 * and the n input bits that can land on it: muxLuts(n + 2) LUTs per bit (resources.ts). The fill
 * counter (p = bits of IN + OUT − 1) adds / subtracts the widths (p LUTs) and is compared with OUT
 * (⌈p/3⌉ LUTs). FF: the buffer (IN + OUT) and the counter (p).
 * Equal widths: no converter is needed; the model returns one register stage of the word.
 * A converter is a dataflow process of its own (the code generator inserts one per width change),
 * so its loop control (control.ts) is included unless `inline` says it sits inside another loop.
 * (The reference's LUT formula for FINN's converter, §3.5, is `streamWidthLut` in ../stream-width.ts.)
 */

export interface WidthConverterParams {
  inBits: number;
  outBits: number;
  /** Loop iterations per call when known (max of input and output words). Default: run-time count. */
  trips?: number;
  /** Part of an enclosing loop (fused step): no loop control of its own. Default false. */
  inline?: boolean;
}

/** Resources of one width converter. ESTIMATE. */
export function widthConverterResources(p: WidthConverterParams): ResourceEstimate {
  requirePositive('widthConverterResources', 'inBits', p.inBits);
  requirePositive('widthConverterResources', 'outBits', p.outBits);
  const control = p.inline ? [] : [loopControlResources({ trips: p.trips })];
  if (p.inBits === p.outBits) {
    return sumResources({ lut: 0, ff: p.inBits, bram18: 0, uram: 0, dsp: 0, notes: ['equal widths: a register stage only'] }, ...control);
  }
  const buffer = p.inBits + p.outBits;
  const offsets = p.outBits / gcd(p.inBits, p.outBits);
  const counter = bitsFor(buffer - 1);
  const datapath: ResourceEstimate = {
    lut: buffer * muxLuts(offsets + 2) + adderLuts(counter) + comparatorLuts(counter, 'constant'),
    ff: buffer + counter,
    bram18: 0,
    uram: 0,
    dsp: 0,
    notes: [`width converter ${p.inBits} → ${p.outBits} bits: ${buffer}-bit shift buffer, ${offsets} insert offset(s)`],
  };
  return sumResources(datapath, ...control);
}
