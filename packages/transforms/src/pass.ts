import type { ConstantEvaluator, Model, Registry } from '@scanflow/ir';

/** The stages of the flow; each stage's output is a valid, simulatable model. */
export const STAGES = ['import', 'qonnx', 'cell-quant', 'streamlined', 'hardware'] as const;
export type Stage = (typeof STAGES)[number];

/** A pass option value as written in a textual pipeline (`name{key=value}`). */
export type PassOptionValue = string | number | boolean;
export type PassOptions = Record<string, PassOptionValue>;

/** What a pass sees besides the model. */
export interface PassContext {
  readonly registry: Registry;
  /** Computes a node from constant inputs (the simulator's kernels, injected by the caller). */
  readonly evaluate?: ConstantEvaluator;
  /** Value ranges over calibration inputs (the simulator, injected by the caller), for passes that choose scales. */
  readonly calibrate?: Calibrator;
  /** Notes for the pass log (what was rewritten, what was skipped and why). */
  note(message: string): void;
  /**
   * Hands a result of the pass to the caller (e.g. a design-space exploration's design points):
   * it lands in the pass's PassRecord under `results[name]`. The pass manager always provides it.
   */
  publish?(name: string, value: unknown): void;
}

/** The range of a value over calibration inputs: every element, every time step. */
export interface ValueRange {
  min: number;
  max: number;
}

/**
 * Runs `model` on the caller's calibration inputs and returns the range of each named value (values
 * inside Scan bodies over every step). Values it did not see are missing from the map.
 */
export type Calibrator = (model: Model, values: readonly string[]) => Map<string, ValueRange>;

/** What a pass reports: whether it changed the model. */
export interface PassResult {
  changed: boolean;
}

/**
 * Ordering of a step among the others of its pipeline (a stage's, or a fixpoint's member list),
 * in the spirit of Vite's `enforce`: `pre` steps come first, then the unmarked ones, then `post`;
 * `before` / `after` name other steps of the same pipeline that must run after / before this one.
 * Ties keep the order in which the passes were registered.
 */
export interface StepOrdering {
  order?: 'pre' | 'post';
  before?: readonly string[];
  after?: readonly string[];
}

/**
 * Where a pass runs in the flow: a step of a stage's pipeline. A pass runs once per placement (a
 * utility such as `cleanup` may run in several stages, or twice in one).
 */
export interface PassPlacement extends StepOrdering {
  stage: Stage;
  /** The step's name in the stage, for other steps' before / after (default: the pass name; give one when the pass runs twice in a stage). */
  step?: string;
  /** Options of this run (e.g. `{ target: 14 }`), written into the pipeline text. */
  options?: PassOptions;
}

/** Membership of a fixpoint pass's loop (e.g. `streamline`): the member runs in every round, ordered among the other members. */
export interface FixpointMembership extends StepOrdering {
  /** The fixpoint pass, e.g. `streamline`. */
  of: string;
}

/**
 * A named graph transformation. Passes edit the model in place (the pass manager keeps a copy
 * when a hook needs the model as it was) and must reach into Scan bodies themselves, usually
 * through `forEachGraph` from @scanflow/ir.
 */
export interface PassDefinition {
  /** Stable kebab-case identity used in pipelines, e.g. `qcdq-to-quant`. */
  name: string;
  description: string;
  /** The stage this pass belongs to (documentation; where it runs is `placement`). */
  stage?: Stage;
  /**
   * Where the flow runs this pass: one step (or several) of the stages' pipelines, which
   * `stagePipelines(registry)` assembles from every registered pass. A pass without a placement
   * runs only when a pipeline names it (a composite's, a fixpoint's, or one given as text).
   */
  placement?: PassPlacement | readonly PassPlacement[];
  /** Run in every round of a fixpoint pass's loop (e.g. `{ of: 'streamline', after: ['move-mul-past-add'] }`). */
  fixpoint?: FixpointMembership;
  /** Documented options with their defaults. */
  options?: Record<string, { default: PassOptionValue; description: string }>;
  override?: boolean;
  /** Rewrites the model in place. Exactly one of `run` and `pipeline` is given. */
  run?(model: Model, ctx: PassContext, options: PassOptions): PassResult;
  /** A composite pass: a textual pipeline of other passes (e.g. `cleanup`). */
  pipeline?: string;
  /**
   * For a pass of the `cell-quant` stage: the float cells of a model it would quantise (where, and
   * which quantisers they lack), so that the flow refuses a float cell by name when no
   * `--cell-quant` is given (see `findFloatCells`).
   */
  floatCells?(model: Model, registry: Registry): readonly FloatCellReport[];
}

/** A cell that lacks quantisers integer hardware needs. */
export interface FloatCellReport {
  /** The kind of cell, e.g. `LSTM`. */
  kind: string;
  /** Where it is: `the Scan body 'body'`, `graph 'g'`. */
  where: string;
  /** The quantisers it lacks (the `--cell-quant` names). */
  missing: string[];
}

/** Identity helper that types a pass literal. */
export function definePass(pass: PassDefinition): PassDefinition {
  return pass;
}

declare module '@scanflow/ir' {
  interface PluginContributions {
    /** Graph transformations, read by @scanflow/transforms. */
    passes?: PassDefinition[];
  }
}
