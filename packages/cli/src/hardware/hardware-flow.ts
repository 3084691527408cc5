import { readFileSync } from 'node:fs';
import { findBoard, type BoardDefinition } from '@scanflow/board-zcu';
import { applyFolding, estimateModel, type ExplorationResult, exploreFolding, HlsEstimateError, type ModelEstimate, readFoldingConfig, scaleBudget } from '@scanflow/hls-backend';
import { forEachGraph, HW_DOMAIN, type Model, quoteName, type Registry, type Tensor } from '@scanflow/ir';
import { bindSymbolicDims, type StageSnapshot, symbolicDims } from '@scanflow/transforms';
import { UsageError } from '../cli-error';
import { countHardwareLayers, type HostOp, hostOps } from '../flow/host-ops';
import { FlowError } from '../flow/model-error';
import { runFlow } from '../flow/run-flow';
import type { StagePipelines } from '../flow/pipeline-option';

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
  /** `--pipeline STAGE=TEXT`: stage pipelines replacing the assembled ones. */
  pipelines?: StagePipelines;
  /** Inputs to calibrate cell quantisers on (with cellQuant). */
  calibration?: readonly (readonly Tensor[])[];
  /** `--seq-len N`: the sequence length the figures assume when the model leaves it open. */
  seqLen?: number;
  /** `--allow-host-ops`: accept a partial accelerator (recurrences / matrix products left on the host). */
  allowHostOps?: boolean;
  /** `--allow-overbudget`: accept a design that needs more of some resource than the board has. */
  allowOverbudget?: boolean;
}

export interface HardwareFlow {
  snapshots: StageSnapshot[];
  /** The hardware stage with the chosen folding (symbolic sizes bound to `seqLen`). */
  hardware: Model;
  /** The hardware stage with the chosen folding, sizes left as the model has them (open sequence length). */
  hardwareOpen: Model;
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

/** Whether a model has any hardware layer. */
export function hasHardwareLayers(model: Model): boolean {
  let found = false;
  forEachGraph(model.graph, (g) => {
    if (g.nodes.some((n) => n.domain === HW_DOMAIN)) found = true;
  });
  return found;
}

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
 * length to --seq-len (default 100) for the figures, and applies the chosen folding.
 */
export function runHardwareFlow(model: Model, registry: Registry, boardName: string, options: HardwareFlowOptions): HardwareFlow {
  const board = findBoard(registry, boardName);
  checkFoldingChoice(options);
  const snapshots = runFlow(model, registry, { ...(options.cellQuant !== undefined ? { cellQuant: options.cellQuant } : {}), ...(options.pipelines ? { pipelines: options.pipelines } : {}), ...(options.calibration ? { calibration: options.calibration } : {}), ...(options.maxElements !== undefined ? { maxElements: options.maxElements } : {}) });
  const stage = snapshots[snapshots.length - 1]!.model;
  const host = hostOps(stage);
  if (countHardwareLayers(stage) === 0) {
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
  const size = options.seqLen ?? DEFAULT_FIGURE_SEQ_LEN;
  let hardware = open.length ? bindSymbolicDims(stage, registry, size) : stage;
  let hardwareOpen = stage;
  let foldingSource = 'default (PE = SIMD = 1 everywhere)';
  let exploration: ExplorationResult | undefined;
  if (options.folding) {
    let text: string;
    try {
      text = readFileSync(options.folding, 'utf8');
    } catch {
      throw new UsageError(`--folding ${quoteName(options.folding)}: cannot read the file`);
    }
    try {
      const folding = readFoldingConfig(text);
      hardware = applyFolding(hardware, folding);
      hardwareOpen = applyFolding(hardwareOpen, folding);
    } catch (e) {
      // the folding is part of the command line: a bad one is a usage error
      if (e instanceof HlsEstimateError) throw new UsageError(`--folding ${quoteName(options.folding)}: ${e.message}`, { cause: e });
      throw e;
    }
    foldingSource = `from ${options.folding}`;
  } else if (options.explore) {
    const fraction = options.budget ?? 1;
    const budget = scaleBudget(board.resources, fraction);
    exploration = exploreFolding(hardware, { budget, objective: options.targetCycles ? { targetCycles: options.targetCycles } : 'min-latency' });
    hardware = applyFolding(hardware, exploration.best.folding);
    hardwareOpen = applyFolding(hardwareOpen, exploration.best.folding);
    foldingSource = `design-space exploration (${options.targetCycles ? `least resources for ≤ ${options.targetCycles} cycles` : 'minimum latency'} within ${Math.round(fraction * 1000) / 10} % of the ${board.name} budget)`;
  }
  const estimate = estimateModel(hardware);
  const over = (['lut', 'ff', 'bram18', 'uram', 'dsp'] as const).filter((k) => estimate.totals[k] > board.resources[k]);
  if (over.length && !options.allowOverbudget) {
    throw new FlowError(
      'OVER_BUDGET',
      `the design needs more than the ${board.name} has (ESTIMATES): ${over.map((k) => `${k.toUpperCase()} ${estimate.totals[k].toLocaleString('en-US')} of ${board.resources[k].toLocaleString('en-US')} (${((100 * estimate.totals[k]) / board.resources[k]).toFixed(1)} %)`).join(', ')}; fold further (lower PE / SIMD, --explore --budget), or pass --allow-overbudget`,
    );
  }
  return { snapshots, hardware, hardwareOpen, estimate, board, foldingSource, ...(exploration ? { exploration } : {}), openDims: { names: open, size, fromFlag: options.seqLen !== undefined }, hostOps: host };
}
