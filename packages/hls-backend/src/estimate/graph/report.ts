/**
 * The shape of a model estimate. Every number in it is an ESTIMATE from the analytical models
 * (reference spec §3 and the streaming latency model of ./streaming-latency.ts), not a synthesis or
 * simulation result.
 */

/** Resource counts (ESTIMATES): LUTs, flip-flops, RAMB18 halves, UltraRAMs, DSP slices. */
export interface Resources {
  lut: number;
  ff: number;
  bram18: number;
  uram: number;
  dsp: number;
}

export const RESOURCE_KINDS: readonly (keyof Resources)[] = ['lut', 'ff', 'bram18', 'uram', 'dsp'];

export function zeroTotals(): Resources {
  return { lut: 0, ff: 0, bram18: 0, uram: 0, dsp: 0 };
}

export function addResources(a: Resources, b: Resources): Resources {
  return { lut: a.lut + b.lut, ff: a.ff + b.ff, bram18: a.bram18 + b.bram18, uram: a.uram + b.uram, dsp: a.dsp + b.dsp };
}

/** One streaming layer (one hardware instance), top level or inside a Recurrence body. ESTIMATES. */
export interface LayerReport extends Resources {
  name: string;
  opType: string;
  /** Node names from the top graph down, e.g. `lstm_loop/mvau_u_f`. */
  path: string;
  pe: number;
  simd?: number;
  /** Input vectors per run (per step inside a Recurrence body). */
  vectors: number;
  /** Cycles per run (per step inside a Recurrence body). */
  cycles: number;
  /** Runs per inference: 1, or T for a layer in a Recurrence body (product for nested bodies). */
  runs: number;
  /** Cycles from first input to first output. */
  delay: number;
  /**
   * Cycles of the longest path through this layer in its graph (top level, or one step of its
   * Recurrence's body): delays before it + its cycles + its delay + delays after it (streaming
   * model). The bottleneck of a graph is the stage with the largest value.
   */
  pathCycles?: number;
  notes: string[];
}

/** One section of a Recurrence's fused step: a pipelined loop over the layers of one depth. ESTIMATES. */
export interface StepSectionReport {
  index: number;
  /** Iterations of its slowest member (II = 1). */
  iterations: number;
  /** Pipeline depth of its longest chain of members. */
  depth: number;
  /** iterations + depth (just the depth for one iteration). */
  cycles: number;
  /** What runs in it (`mvau U_f`, `read`, ...). */
  ops: string[];
  /** Whether it chains several levels of the cell into one loop (codegen/recurrence/step-sections.ts). */
  chained?: boolean;
}

/** One Recurrence: the time loop. ESTIMATES. */
export interface RecurrenceReport {
  name: string;
  path: string;
  /** T, from the first dimension of the sequence inputs. */
  steps: number;
  /** The step's sections: Σ (iterations + depth) (see recurrence.ts). */
  chainCycles: number;
  /** Copy-back of the state after each step: 0, the fused step writes the other half of a ping-pong pair. */
  stateCopyCycles: number;
  /** Cycles per step: chainCycles + overheadCycles. */
  stepCycles: number;
  /** Loading the initial states (and buffering a reverse sequence) before step 0. */
  fillCycles: number;
  /** Writing the final states (and flushing a reverse output) after the last step. */
  drainCycles?: number;
  /** Per-step loop control. */
  overheadCycles?: number;
  sections?: StepSectionReport[];
  /** fill + T · step + drain: how long the loop is busy per inference. */
  cycles: number;
  /** Path of the body layer that sets the chain. */
  bottleneck?: string;
  /** Cycles of the longest path through this Recurrence in the graph that holds it (see LayerReport.pathCycles). */
  pathCycles?: number;
}

/** The estimate of a whole model. Every number is an ESTIMATE. */
export interface ModelEstimate {
  readonly kind: 'ESTIMATE';
  /** Every streaming layer, including those in Recurrence bodies (one entry per hardware instance). */
  layers: LayerReport[];
  recurrences: RecurrenceReport[];
  /** Σ of the layers' resources (a Recurrence's body is one hardware instance, counted once). */
  totals: Resources;
  /** Cycles from the first input word to the last output word of one inference. */
  latencyCycles: number;
  /** Cycles between the starts of two inferences: the busiest top-level stage. */
  initiationIntervalCycles: number;
  /** Path of the layer that sets the latency (inside a body when a Recurrence does). */
  bottleneck?: string;
  notes: string[];
}
