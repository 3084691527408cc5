import { findBoard, type BoardDefinition } from '@scanflow/board-zcu';
import { estimateModel, type ExplorationResult, type ModelEstimate } from '@scanflow/hls-backend';
import type { Model, Registry, Tensor } from '@scanflow/ir';
import { bindSymbolicDims, type StageSnapshot, stagePipelines, symbolicDims } from '@scanflow/transforms';
import { UsageError } from '../cli-error';
import { countHardwareLayers, type HostOp, hostOps } from '../flow/host-ops';
import { FlowError } from '../flow/model-error';
import { runFlow } from '../flow/run-flow';
import { EXPLORATION_RESULT, foldingStep } from './folding-passes';

/** How the user picks the folding: a file, an exploration, or the defaults (PE = SIMD = 1). */
export interface FoldingChoice {
  folding?: string;
  explore?: boolean;
  /** Fraction of the board's resources the exploration may use (0 < f ≤ 1). */
  budget?: number;
  /** With --explore: the least-resource design meeting this latency (cycles). */
  targetCycles?: number;
  /** `--max-elements`: the largest tensor constant folding may compute. */
  maxElements?: number;
}

/** What the flow does with a model beyond folding: float cells, open sequence lengths, host ops. */
export interface HardwareFlowOptions extends FoldingChoice {
  /** `--cell-quant` spec (canonical text). */
  cellQuant?: string;
  /** Inputs to calibrate cell quantisers on (with cellQuant). */
  calibration?: readonly (readonly Tensor[])[];
  /** `--seq-len N`: the sequence length the figures assume when the model leaves it open. */
  seqLen?: number;
  /** `--allow-host-ops`: accept a partial accelerator (recurrences / matrix products left on the host). */
  allowHostOps?: boolean;
  /** `--allow-overbudget`: accept a design that needs more of some resource than the board has. */
  allowOverbudget?: boolean;
  /** Stage pipelines replacing the assembled ones (config file, --pipeline). */
  pipelines?: Record<string, string>;
  /** Told what the flow is doing (each pass, the exploration, the estimate) for a progress display. */
  onStep?: (what: string) => void;
}

export interface HardwareFlow {
  snapshots: StageSnapshot[];
  /** The hardware stage with the chosen folding (symbolic sizes bound to `seqLen`). */
  hardware: Model;
  /** The hardware stage with the chosen folding, sizes left as the model has them (open sequence length). */
  hardwareOpen: Model;
  /** The registry the flow ran with (plugins included): every later step reads the same one. */
  registry: Registry;
  board: BoardDefinition;
  foldingSource: string;
  exploration?: ExplorationResult;
  /** The symbolic dimensions the model leaves open and the size every figure assumes for them. */
  openDims: { names: string[]; size: number; fromFlag: boolean };
  hostOps: HostOp[];
  /** The estimate of `hardware` (ESTIMATES). */
  estimate: ModelEstimate;
}

/** The sequence length figures assume for a model whose sequence length is open and no --seq-len was given. */
export const DEFAULT_FIGURE_SEQ_LEN = 100;

/** Checks the folding flags (usage errors, exit code 2). */
export function checkFoldingChoice(choice: FoldingChoice): void {
  if (choice.folding && choice.explore) throw new UsageError('--folding and --explore exclude each other');
  if (choice.budget !== undefined && !(choice.budget > 0 && choice.budget <= 1)) throw new UsageError(`--budget takes a fraction in (0, 1], got ${choice.budget}`);
  if (choice.targetCycles !== undefined && !(choice.targetCycles > 0)) throw new UsageError(`--target-cycles takes a positive number, got ${choice.targetCycles}`);
  if (!choice.explore && (choice.budget !== undefined || choice.targetCycles !== undefined)) {
    throw new UsageError(`${choice.budget !== undefined ? '--budget' : '--target-cycles'} only applies with --explore`);
  }
}

/**
 * Runs every stage, checks that the model's compute became hardware layers (a recurrence or a
 * matrix product left on the host is an error unless --allow-host-ops), binds an open sequence
 * length to --seq-len (default 100) for the figures. The chosen folding is the hardware stage's
 * last step (`apply-folding{file=...}` for --folding, `explore-folding{...}` for --explore; none
 * keeps the defaults), so the stage's snapshot is the folded model.
 */
export function runHardwareFlow(model: Model, registry: Registry, boardName: string, options: HardwareFlowOptions): HardwareFlow {
  const board = findBoard(registry, boardName);
  checkFoldingChoice(options);
  const size = options.seqLen ?? DEFAULT_FIGURE_SEQ_LEN;
  // the folding is the last step of the hardware stage (apply-folding / explore-folding), so the
  // stage's snapshot is the folded model and the pass instrumentation sees it
  const step = foldingStep(options, board.name, size);
  const pipelines = { ...(options.pipelines ?? {}) };
  if (step) pipelines['hardware'] = [pipelines['hardware'] ?? stagePipelines(registry).hardware ?? '', step].filter((x) => x !== '').join(',');
  const snapshots = runFlow(model, registry, { ...(options.cellQuant !== undefined ? { cellQuant: options.cellQuant } : {}), ...(options.calibration ? { calibration: options.calibration } : {}), ...(options.maxElements !== undefined ? { maxElements: options.maxElements } : {}), ...(Object.keys(pipelines).length ? { pipelines } : {}), ...(options.onStep ? { onPass: options.onStep } : {}) });
  const last = snapshots[snapshots.length - 1]!;
  const stage = last.model;
  const host = hostOps(stage, registry);
  if (countHardwareLayers(stage, registry) === 0) {
    throw new FlowError('NO_HARDWARE', 'the hardware stage holds no hardware layer: nothing of the model became integer MatMul / Conv / MultiThreshold after streamlining (is it quantised? see docs/importing-models.md)');
  }
  const stays = host.filter((h) => h.compute);
  if (stays.length && !options.allowHostOps) {
    throw new FlowError(
      'HOST_OPS',
      `${stays.length} op(s) of the model's compute would stay on the host: ${stays.map((h) => `${h.opType} '${h.node}' (${h.why})`).join('; ')}; pass --allow-host-ops to build the partial accelerator anyway`,
    );
  }
  const open = symbolicDims(stage);
  const hardware = open.length ? bindSymbolicDims(stage, registry, size) : stage;
  const hardwareOpen = stage;
  let foldingSource = 'default (PE = SIMD = 1 everywhere)';
  let exploration: ExplorationResult | undefined;
  if (options.folding) foldingSource = `from ${options.folding}`;
  else if (options.explore) {
    exploration = last.records.find((r) => r.results?.[EXPLORATION_RESULT])?.results?.[EXPLORATION_RESULT] as ExplorationResult | undefined;
    if (!exploration) throw new UsageError("--explore: the hardware stage's pipeline ran no explore-folding step");
    foldingSource = `design-space exploration (${options.targetCycles ? `least resources for ≤ ${options.targetCycles} cycles` : 'minimum latency'} within ${Math.round((options.budget ?? 1) * 1000) / 10} % of the ${board.name} budget)`;
  }
  const estimate = estimateModel(hardware, { registry });
  const over = (['lut', 'ff', 'bram18', 'uram', 'dsp'] as const).filter((k) => estimate.totals[k] > board.resources[k]);
  if (over.length && !options.allowOverbudget) {
    throw new FlowError(
      'OVER_BUDGET',
      `the design needs more than the ${board.name} has (ESTIMATES): ${over.map((k) => `${k.toUpperCase()} ${estimate.totals[k].toLocaleString('en-US')} of ${board.resources[k].toLocaleString('en-US')} (${((100 * estimate.totals[k]) / board.resources[k]).toFixed(1)} %)`).join(', ')}; fold further (lower PE / SIMD, --explore --budget), or pass --allow-overbudget`,
    );
  }
  return { snapshots, hardware, hardwareOpen, estimate, board, registry, foldingSource, ...(exploration ? { exploration } : {}), openDims: { names: open, size, fromFlag: options.seqLen !== undefined }, hostOps: host };
}
