import type { Utilisation } from '@scanflow/board-zcu';
import type { AcceleratorInterface, DesignPoint, ModelEstimate, Resources } from '@scanflow/hls-backend';

/** What produced a number: an analytical model, a simulation, or a measurement on hardware. */
export type Provenance = 'ESTIMATE' | 'SIMULATION' | 'MEASUREMENT';

/** How a stage's simulated outputs agree with the previous stage's (and the original model's). */
export interface StageVerification {
  readonly kind: 'SIMULATION';
  /** A quantisation stage (cell-quant) changes results on purpose: its error against the float model. */
  readonly quantisation?: { readonly maxAbs: number; readonly meanAbs: number };
  readonly vsPrevious: 'bit-exact' | 'within tolerance' | 'differs';
  readonly vsOriginal: 'bit-exact' | 'within tolerance' | 'differs';
  /** Largest |Δ| against the previous stage. */
  readonly maxAbsDiff: number;
  /** The first element outside the tolerance, described. */
  readonly first?: string;
}

export interface StageSummary {
  readonly stage: string;
  /** The stage's pipeline as text (pass names). */
  readonly pipeline?: string;
  readonly passes: number;
  readonly verification?: StageVerification;
}

/** A node of the accelerator's dataflow graph (a layer, a Reshape, a port, or a Recurrence's body terminal). */
export interface DataflowNode {
  /** Unique id: the layer's path (`lstm/mvau_u`), `port:<name>`, or `<recurrence>/@in:<k>` / `@out:<k>`. */
  readonly id: string;
  readonly kind: 'layer' | 'reshape' | 'port-in' | 'port-out' | 'state' | 'sequence';
  /** Op type, port direction or terminal role. */
  readonly op: string;
  /** Name from the model (escaped when drawn). */
  readonly name: string;
  /** `PE 2 · SIMD 3` for folded layers. */
  readonly folding?: string;
  /** QONNX datatype of the (first) output. */
  readonly datatype?: string;
  /** Busy cycles per run (per step inside a Recurrence). ESTIMATE. */
  readonly cycles?: number;
  /** The Recurrence cluster the node sits in. */
  readonly parent?: string;
  readonly bottleneck?: boolean;
}

export interface DataflowEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** Datatype (and lanes) of the stream. */
  readonly label?: string;
  /** The next state fed back to the step's state input. */
  readonly loop?: boolean;
}

/** A Recurrence: the time loop around its body's nodes. */
export interface DataflowCluster {
  readonly id: string;
  readonly name: string;
  /** T. */
  readonly steps: number;
  /** Cycles per step (chain + state copy). ESTIMATE. */
  readonly stepCycles?: number;
}

export interface DataflowGraph {
  readonly nodes: readonly DataflowNode[];
  readonly edges: readonly DataflowEdge[];
  readonly clusters: readonly DataflowCluster[];
}

/** The exploration's design points (ESTIMATES). */
export interface ExplorationSummary {
  readonly kind: 'ESTIMATE';
  readonly objective: string;
  /** Every visited point. */
  readonly visited: number;
  readonly pareto: readonly Pick<DesignPoint, 'latencyCycles' | 'resources'>[];
  readonly chosen: Pick<DesignPoint, 'latencyCycles' | 'resources'>;
}

/** One C-simulation case: the model's outputs, completed by the host part around the C++'s, vs the reference. */
export interface CsimCaseSummary {
  readonly seqLen?: number;
  readonly vsReference: { readonly exact: boolean; readonly withinTolerance: boolean; readonly maxAbsDiff: number; readonly differing: number; readonly total: number; readonly first?: string };
}

export type CsimSummary =
  | {
      readonly kind: 'SIMULATION';
      readonly passed: boolean;
      /** Accelerator output elements compared with the simulated hardware stage (all cases). */
      readonly checked: number;
      readonly mismatches: number;
      readonly first?: string;
      /** What the completed outputs are compared with: the original model or the cell-quantised one. */
      readonly reference?: 'original' | 'cell-quant';
      readonly cases?: readonly CsimCaseSummary[];
    }
  | { readonly skipped: string };

/** A node of the model that runs on the host, and whether it is compute that belongs in the accelerator. */
export interface HostOpSummary {
  readonly node: string;
  readonly opType: string;
  readonly compute: boolean;
  readonly why: string;
}

/** An assumption the hardware makes about the inputs (e.g. initial states on the state grid). */
export interface PreconditionSummary {
  readonly value: string;
  readonly scale: readonly number[];
  readonly lo: number;
  readonly hi: number;
  readonly description: string;
}

/**
 * Everything report.html shows (report.json is the machine-readable twin: the same object as JSON).
 * Every number says what produced it: estimates (analytical models), simulations (our simulator, g++
 * C-simulation), measurements (a board; none yet).
 */
export interface ReportData {
  readonly title: string;
  /** Ops left on the host (listed first: a partial accelerator must be visible at once). */
  readonly hostOps: readonly HostOpSummary[];
  /** The model file as given on the command line. */
  readonly model: string;
  /** The open sequence length: the register that sets it at run time and the value the figures assume. */
  readonly seqLen?: { readonly open: readonly string[]; readonly assumed: number; readonly register: string };
  readonly preconditions: readonly PreconditionSummary[];
  readonly board: { readonly name: string; readonly part: string; readonly clockPeriodNs: number; readonly resources: Resources };
  readonly folding: { readonly source: string };
  readonly stages: readonly StageSummary[];
  /** The first stage (and pass) whose simulated outputs differ from the previous stage's. */
  readonly firstDivergence?: { readonly stage: string; readonly pass?: string; readonly detail?: string };
  readonly interface: AcceleratorInterface;
  readonly estimate: ModelEstimate;
  readonly utilisation: Utilisation;
  readonly exploration?: ExplorationSummary;
  readonly csim?: CsimSummary;
  readonly dataflow: DataflowGraph;
  readonly notes: readonly string[];
}
