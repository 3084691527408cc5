import { ScanflowError } from '@scanflow/ir';

/**
 * Shared shapes of the cycle and resource estimators.
 *
 * Every number an estimator returns is an ESTIMATE from a closed-form analytical model (the
 * FINN-R style models of the reference spec, §3), not a synthesis or simulation result. They are
 * meant for comparing folding choices and for budgeting against the XCZU7EV, not for sign-off.
 */

/**
 * Estimated cost of one dataflow layer. All fields are ESTIMATES.
 *
 * - `cycles`: clock cycles to process the layer's whole input (all vectors) once, at II = 1.
 * - `lut`, `ff`: look-up tables and flip-flops (`ff` is not modelled by the reference and is 0).
 * - `bram18`: 18 Kib block-RAM halves (RAMB18).
 * - `uram`: 288 Kib UltraRAM blocks.
 * - `dsp`: DSP slices.
 * - `notes`: human-readable caveats of the model for this layer.
 */
export interface LayerEstimate {
  cycles: number;
  lut: number;
  ff: number;
  bram18: number;
  uram: number;
  dsp: number;
  notes: string[];
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
