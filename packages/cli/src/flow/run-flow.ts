import { cloneModel, type Model, type Registry, type Tensor } from '@scanflow/ir';
import { createConstantEvaluator, observeRanges } from '@scanflow/sim';
import { cellQuantPipeline, findFloatCells, formatCellQuantSpec, parseCellQuantSpec, runStages, type RunPipelineOptions, type Stage, STAGES, type StageSnapshot } from '@scanflow/transforms';
import { UsageError } from '../cli-error';
import { FlowError } from './model-error';
import { checkPipelinePasses } from './pipeline-option';

export interface FlowOptions {
  /** `--cell-quant SPEC`: quantise float LSTM cells (the cell-quant stage); a shorthand, `k=v;...`, or JSON text. */
  cellQuant?: string;
  /** Inputs the cell quantisers' scales are calibrated on (required with cellQuant). */
  calibration?: readonly (readonly Tensor[])[];
  verify?: RunPipelineOptions['verify'];
  stopOnDivergence?: boolean;
  /** Run the structural verifier after every pass (verify does: a pass that breaks the model is named). */
  checkStructure?: boolean;
  /** `--max-elements`: the largest tensor constant folding may compute. */
  maxElements?: number;
  /** Stage pipelines replacing the assembled ones (config file, --pipeline). */
  pipelines?: Record<string, string>;
  /** Told the name of each pass before it runs (progress display). */
  onPass?: (pass: string) => void;
}

/** The canonical spec text of a --cell-quant value (a usage error when it cannot be read). */
export function cellQuantSpecText(value: string): string {
  try {
    return formatCellQuantSpec(parseCellQuantSpec(value));
  } catch (e) {
    throw new UsageError(`--cell-quant: ${(e as Error).message}`);
  }
}

/** Stage pipelines given as text (config file, --pipeline): known stage names only. */
function checkedPipelines(pipelines: Record<string, string> | undefined): Partial<Record<Stage, string>> {
  const out: Partial<Record<Stage, string>> = {};
  for (const [stage, text] of Object.entries(pipelines ?? {})) {
    if (!(STAGES as readonly string[]).includes(stage)) throw new UsageError(`pipeline for unknown stage '${stage}' (stages: ${STAGES.join(', ')})`);
    out[stage as Stage] = text;
  }
  return out;
}

/**
 * Runs the flow's stages on a copy of `model`: import, qonnx, cell-quant (only with --cell-quant),
 * streamlined, hardware. A model whose LSTM cell (or a cell a plugin's cell-quant pass reports) is
 * float is refused unless --cell-quant is given, naming the quantisers it lacks.
 */
export function runFlow(model: Model, registry: Registry, options: FlowOptions = {}): StageSnapshot[] {
  const evaluate = createConstantEvaluator(registry, options.maxElements !== undefined ? { maxTensorElements: options.maxElements } : {});
  const spec = options.cellQuant !== undefined ? cellQuantSpecText(options.cellQuant) : undefined;
  const base = { registry, evaluate, ...(options.verify ? { verify: options.verify } : {}), ...(options.stopOnDivergence !== undefined ? { stopOnDivergence: options.stopOnDivergence } : {}), ...(options.checkStructure ? { checkStructure: true } : {}), ...(options.onPass ? { instrumentations: [{ beforePass: options.onPass }] } : {}) };
  const user = checkedPipelines(options.pipelines);
  checkPipelinePasses(user, registry);
  if (!spec) {
    const front = runStages(model, { ...base, upTo: 'qonnx', pipelines: user });
    const floats = findFloatCells(front[front.length - 1]!.model, registry);
    if (floats.length) {
      const c = floats[0]!;
      throw new FlowError(
        'FLOAT_CELL',
        `the ${c.kind} cell in ${c.where} is not quantised (no quantiser for ${c.missing.join(', ')}): integer hardware needs every one; quantise the cell with --cell-quant w8a6 (or 'name=bits;...', or a JSON file; see docs/importing-models.md)`,
      );
    }
    const rest = runStages(front[front.length - 1]!.model, { ...base, pipelines: { ...user, import: '', qonnx: '' } });
    return [...front, ...rest.filter((s) => s.stage !== 'import' && s.stage !== 'qonnx')];
  }
  const calibration = options.calibration ?? [];
  if (!calibration.length) throw new UsageError('--cell-quant needs calibration inputs');
  return runStages(cloneModel(model), {
    ...base,
    calibrate: (m, values) => observeRanges(m, registry, calibration, values),
    pipelines: { 'cell-quant': cellQuantPipeline(spec, registry), ...user },
  });
}
