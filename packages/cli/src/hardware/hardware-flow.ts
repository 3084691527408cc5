import { readFileSync } from 'node:fs';
import { findBoard, type BoardDefinition } from '@scanflow/board-zcu';
import { applyFolding, type ExplorationResult, exploreFolding, HlsEstimateError, readFoldingConfig, scaleBudget } from '@scanflow/hls-backend';
import { forEachGraph, HW_DOMAIN, type Model, quoteName, type Registry, ScanflowError } from '@scanflow/ir';
import { createConstantEvaluator } from '@scanflow/sim';
import { runStages, type StageSnapshot } from '@scanflow/transforms';
import { UsageError } from '../cli-error';

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

export interface HardwareFlow {
  snapshots: StageSnapshot[];
  /** The hardware stage with the chosen folding. */
  hardware: Model;
  board: BoardDefinition;
  foldingSource: string;
  exploration?: ExplorationResult;
}

/** Whether a model has any hardware layer. */
export function hasHardwareLayers(model: Model): boolean {
  let found = false;
  forEachGraph(model.graph, (g) => {
    if (g.nodes.some((n) => n.domain === HW_DOMAIN)) found = true;
  });
  return found;
}

/** Runs every stage, checks that hardware layers came out, and applies the chosen folding. */
export function runHardwareFlow(model: Model, registry: Registry, boardName: string, choice: FoldingChoice): HardwareFlow {
  const board = findBoard(boardName);
  if (choice.folding && choice.explore) throw new UsageError('--folding and --explore exclude each other');
  if (choice.budget !== undefined && !(choice.budget > 0 && choice.budget <= 1)) throw new UsageError(`--budget takes a fraction in (0, 1], got ${choice.budget}`);
  if (choice.targetCycles !== undefined && !(choice.targetCycles > 0)) throw new UsageError(`--target-cycles takes a positive number, got ${choice.targetCycles}`);
  if (!choice.explore && (choice.budget !== undefined || choice.targetCycles !== undefined)) {
    throw new UsageError(`${choice.budget !== undefined ? '--budget' : '--target-cycles'} only applies with --explore`);
  }
  const snapshots = runStages(model, { registry, evaluate: createConstantEvaluator(registry, choice.maxElements !== undefined ? { maxTensorElements: choice.maxElements } : {}) });
  let hardware = snapshots[snapshots.length - 1].model;
  if (!hasHardwareLayers(hardware)) {
    // a property of the model, not of the command line
    throw new ScanflowError('NO_HARDWARE_LAYERS', 'the hardware stage holds no hardware layer: the model has no integer MatMul / Conv / MultiThreshold after streamlining (is it quantised?)', { category: 'model' });
  }
  let foldingSource = 'default (PE = SIMD = 1 everywhere)';
  let exploration: ExplorationResult | undefined;
  if (choice.folding) {
    let text: string;
    try {
      text = readFileSync(choice.folding, 'utf8');
    } catch {
      throw new UsageError(`--folding ${quoteName(choice.folding)}: cannot read the file`);
    }
    try {
      hardware = applyFolding(hardware, readFoldingConfig(text));
    } catch (e) {
      // the folding is part of the command line: a bad one is a usage error
      if (e instanceof HlsEstimateError) throw new UsageError(`--folding ${quoteName(choice.folding)}: ${e.message}`, { cause: e });
      throw e;
    }
    foldingSource = `from ${choice.folding}`;
  } else if (choice.explore) {
    const fraction = choice.budget ?? 1;
    const budget = scaleBudget(board.resources, fraction);
    exploration = exploreFolding(hardware, { budget, objective: choice.targetCycles ? { targetCycles: choice.targetCycles } : 'min-latency' });
    hardware = applyFolding(hardware, exploration.best.folding);
    foldingSource = `design-space exploration (${choice.targetCycles ? `least resources for ≤ ${choice.targetCycles} cycles` : 'minimum latency'} within ${Math.round(fraction * 1000) / 10} % of the ${board.name} budget)`;
  }
  return { snapshots, hardware, board, foldingSource, ...(exploration ? { exploration } : {}) };
}
