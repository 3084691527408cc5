import type { ResourceEstimate } from '../types';
import { adderLuts, comparatorLuts } from './arithmetic';
import { bitsFor, noResources } from './resources';

/**
 * Control logic of a kernel's pipelined loop and of its wrap-around counters. ESTIMATES.
 *
 * Every kernel is one `for (i = 0; i < total; ++i)` loop pipelined at II = 1 (a dataflow process of
 * its own): an i counter of c bits (c = bits of the trip count when it is a compile-time constant,
 * as in generated code, else 32), its increment (c LUTs) and exit test (a comparison against a
 * constant, ⌈c/3⌉ LUTs), plus Vitis HLS's FSM and stall logic (LOOP_FSM_LUT / LOOP_FSM_FF: a few
 * one-hot states, done / ready, the AND of the streams' empty / full flags) and one enable flip-flop
 * per pipeline stage (ap_enable_reg_pp0_iter*).
 * A wrap counter (nf, sf, tile: 0 .. limit − 1) is an incrementer plus a compare with limit − 1.
 */

export const LOOP_FSM_LUT = 10;
export const LOOP_FSM_FF = 4;
/** Counter width when the trip count is only known at run time. */
export const RUNTIME_COUNTER_BITS = 32;

export interface LoopControlParams {
  /** Iterations per call when known at compile time; undefined = run-time count (32-bit counter). */
  trips?: number;
  /** Pipeline depth of the loop body (one enable flip-flop per stage). Default 1. */
  depth?: number;
}

/** Loop counter, exit test, FSM and stage enables of one pipelined loop. ESTIMATE. */
export function loopControlResources(p: LoopControlParams = {}): ResourceEstimate {
  const c = p.trips === undefined ? RUNTIME_COUNTER_BITS : bitsFor(p.trips);
  return {
    lut: adderLuts(c) + comparatorLuts(c, 'constant') + LOOP_FSM_LUT,
    ff: c + LOOP_FSM_FF + (p.depth ?? 1),
    bram18: 0,
    uram: 0,
    dsp: 0,
    notes: [],
  };
}

/** A counter 0 .. limit − 1 that wraps (nothing when limit ≤ 1: the index is constant 0). ESTIMATE. */
export function wrapCounterResources(limit: number): ResourceEstimate {
  if (limit <= 1) return noResources();
  const c = bitsFor(limit - 1);
  return { lut: adderLuts(c) + comparatorLuts(c, 'constant'), ff: c, bram18: 0, uram: 0, dsp: 0, notes: [] };
}
