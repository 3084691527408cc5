/**
 * The host side of an accelerator port, as exact steps the host (driver) replays: from a graph
 * input to an accelerator input port, or from an accelerator output port to a graph output. Every
 * step computes like the simulator: float32 values, each op computed in double precision and
 * rounded to float32 once; MultiThreshold counts thresholds reached (docs/hardware-layers.md).
 */
export type HostStep =
  /** Row-major reshape to `shape` (no data movement). */
  | { readonly op: 'Reshape'; readonly node: string; readonly shape: readonly number[] }
  /**
   * QONNX MultiThreshold: y = outScale · #{k : x ≥ thresholds[c][k]} + outBias, c the index along
   * `channelAxis` of `inputShape` (one shared row when thresholds has one row).
   */
  | {
      readonly op: 'MultiThreshold';
      readonly node: string;
      readonly inputShape: readonly number[];
      readonly channelAxis: number;
      readonly thresholds: readonly (readonly number[])[];
      readonly outBias: number;
      readonly outScale: number;
    }
  /** y = fl32(x · c) or fl32(x + c) with the constant broadcast (ONNX multidirectional) against x. */
  | { readonly op: 'Mul' | 'Add'; readonly node: string; readonly constant: { readonly shape: readonly number[]; readonly values: readonly number[] } };

/** What a float input becomes at an accelerator input port, summarised (the steps are authoritative). */
export type HostQuantiser =
  /** The port reads the graph input as it is (already integers of the port's datatype). */
  | { readonly kind: 'none' }
  /**
   * A uniform quantiser q = clamp(round(x / scale) + zeroPoint) fitted to the MultiThreshold's
   * thresholds (within 1e-4 of a step); one scale per threshold row. Rounding: QONNX ROUND (half to
   * even, the only one streamlining converts); the thresholds settle ties exactly.
   */
  | {
      readonly kind: 'uniform';
      readonly scale: readonly number[];
      readonly zeroPoint: number;
      readonly bits: number;
      readonly signed: boolean;
      readonly narrow: boolean;
      readonly rounding: 'ROUND';
    }
  /** Not a uniform quantiser (e.g. non-uniform levels): the thresholds of the step are the quantiser. */
  | { readonly kind: 'thresholds'; readonly bits: number; readonly signed: boolean };

/** How an output port's integers become a graph output's floats, summarised: y = (q − zeroPoint) · scale + bias. */
export interface HostDequantiser {
  readonly scale: readonly number[];
  readonly zeroPoint: readonly number[];
  readonly bias: readonly number[];
}
