import { ScanflowError } from '@scanflow/ir';

/**
 * Shared shapes of the cycle and resource estimators.
 *
 * Every number an estimator returns is an ESTIMATE from a closed-form analytical model (the
 * FINN-R style models of the reference spec, §3), not a synthesis or simulation result. They are
 * meant for comparing folding choices and for budgeting against the XCZU7EV, not for sign-off.
 */

/**
 * Estimated hardware resources of a layer, a kernel lane or a primitive (FIFO, converter, state
 * registers ...). All fields are ESTIMATES from the closed-form models of this folder, never
 * synthesis results.
 *
 * - `lut`, `ff`: look-up tables (LUT6 sites, logic + LUT-RAM/ROM/SRL) and flip-flops.
 * - `bram18`: 18 Kib block-RAM halves (RAMB18).
 * - `uram`: 288 Kib UltraRAM blocks.
 * - `dsp`: DSP48E2 slices.
 * - `notes`: human-readable assumptions and caveats of the model for this item.
 */
export interface ResourceEstimate {
  lut: number;
  ff: number;
  bram18: number;
  uram: number;
  dsp: number;
  notes: string[];
}

/**
 * Estimated cost of one dataflow layer: its resources plus `cycles`, the clock cycles to process
 * the layer's whole input (all vectors) once at II = 1. All fields are ESTIMATES.
 */
export interface LayerEstimate extends ResourceEstimate {
  cycles: number;
}

/** Where a parameter memory lives: LUT-RAM, block RAM, UltraRAM, or chosen by size (`auto`). */
export type WeightStorage = 'auto' | 'lut' | 'bram' | 'uram';

/** An estimator request that breaks a folding rule or gives a nonsensical parameter. */
export class HlsEstimateError extends ScanflowError {
  constructor(message: string) {
    super('HLS_ESTIMATE', message);
    this.name = 'HlsEstimateError';
  }
}

/** An estimate with every resource at zero and the given cycle count. */
export function zeroResources(cycles: number, notes: string[] = []): LayerEstimate {
  return { cycles, lut: 0, ff: 0, bram18: 0, uram: 0, dsp: 0, notes };
}

/** ⌈a / b⌉ for non-negative integers. */
export function ceilDiv(a: number, b: number): number {
  return Math.ceil(a / b);
}
