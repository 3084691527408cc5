import { readFileSync } from 'node:fs';
import { findBoard } from '@scanflow/board-zcu';
import { applyFolding, type ExplorationResult, exploreFolding, type FoldingConfig, HlsEstimateError, readFoldingConfig, scaleBudget } from '@scanflow/hls-backend';
import { definePlugin, type Model, type Plugin, quoteName, type Registry } from '@scanflow/ir';
import { bindSymbolicDims, definePass, formatPipeline, symbolicDims } from '@scanflow/transforms';
import { UsageError } from '../cli-error';

/** The name under which `explore-folding` publishes its ExplorationResult (PassRecord.results). */
export const EXPLORATION_RESULT = 'exploration';

/** Sets the folding's PE / SIMD / implementation attributes on `model`'s layers, in place. */
function fold(model: Model, folding: FoldingConfig, registry: Registry): void {
  model.graph = applyFolding(model, folding, registry).graph;
}

const applyFoldingPass = definePass({
  name: 'apply-folding',
  description: 'set PE / SIMD and the implementation choices of the hardware layers from a folding file (--folding)',
  stage: 'hardware',
  options: { file: { default: '', description: 'the folding JSON file: { "<layer name>": { "pe": n, "simd": n, "mult": "lut" | "dsp", "thresholds": ... } }' } },
  run(model, ctx, options) {
    const file = String(options.file);
    if (!file) throw new UsageError('apply-folding needs file=PATH (a folding JSON file)');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new UsageError(`folding file ${quoteName(file)}: cannot read the file`);
    }
    try {
      const folding = readFoldingConfig(text);
      fold(model, folding, ctx.registry);
      ctx.note(`${Object.keys(folding).length} layer(s) folded from ${quoteName(file)}`);
      return { changed: Object.keys(folding).length > 0 };
    } catch (e) {
      // the folding file is part of the command line: a bad one is a usage error
      if (e instanceof HlsEstimateError) throw new UsageError(`folding file ${quoteName(file)}: ${e.message}`, { cause: e });
      throw e;
    }
  },
});

const exploreFoldingPass = definePass({
  name: 'explore-folding',
  description: "choose the folding by design-space exploration within a fraction of a board's resources (ESTIMATES), and apply it (--explore)",
  stage: 'hardware',
  options: {
    board: { default: 'zcu104', description: 'the board whose resources bound the search' },
    budget: { default: 1, description: "the fraction (0, 1] of the board's resources the design may use" },
    'target-cycles': { default: 0, description: 'the least-resource design meeting this latency in cycles (0: the minimum latency)' },
    'seq-len': { default: 100, description: 'the sequence length the estimates assume when the model leaves it open' },
  },
  run(model, ctx, options) {
    const fraction = Number(options.budget);
    const targetCycles = Number(options['target-cycles']);
    const seqLen = Number(options['seq-len']);
    if (!(fraction > 0 && fraction <= 1)) throw new UsageError(`explore-folding: budget takes a fraction in (0, 1], got ${options.budget}`);
    if (!(targetCycles >= 0)) throw new UsageError(`explore-folding: target-cycles takes a number ≥ 0, got ${options['target-cycles']}`);
    if (!(Number.isInteger(seqLen) && seqLen > 0)) throw new UsageError(`explore-folding: seq-len takes a positive integer, got ${options['seq-len']}`);
    const board = findBoard(ctx.registry, String(options.board));
    // the estimates need sizes: an open sequence length is bound on a copy
    const sized = symbolicDims(model).length ? bindSymbolicDims(model, ctx.registry, seqLen) : model;
    const exploration: ExplorationResult = exploreFolding(sized, { budget: scaleBudget(board.resources, fraction), objective: targetCycles > 0 ? { targetCycles } : 'min-latency', registry: ctx.registry });
    fold(model, exploration.best.folding, ctx.registry);
    ctx.publish?.(EXPLORATION_RESULT, exploration);
    ctx.note(`${exploration.points.length} designs visited, ${exploration.pareto.length} on the pareto front; chosen: ${exploration.best.latencyCycles} cycles (ESTIMATE)`);
    return { changed: true };
  },
});

/** The folding passes of the hardware stage: run where a pipeline names them (the CLI appends one for --folding / --explore). */
export function foldingPasses(): Plugin {
  return definePlugin({ name: '@scanflow/cli:folding-passes', passes: [applyFoldingPass, exploreFoldingPass] });
}

/** The hardware-stage step for the folding the user chose: a file, an exploration, or none (the defaults). */
export function foldingStep(choice: { folding?: string; explore?: boolean; budget?: number; targetCycles?: number }, board: string, seqLen: number): string | undefined {
  if (choice.folding) return formatPipeline([{ name: 'apply-folding', options: { file: choice.folding } }]);
  if (choice.explore) return formatPipeline([{ name: 'explore-folding', options: { board, budget: choice.budget ?? 1, 'target-cycles': choice.targetCycles ?? 0, 'seq-len': seqLen } }]);
  return undefined;
}
