import { cloneModel, type ConstantEvaluator, errorCategory, type Model, type Registry, ScanflowError, type ScanflowErrorOptions } from '@scanflow/ir';
import type { Calibrator, PassDefinition, PassOptions } from './pass';
import { formatPipeline, parsePipeline, type PipelineEntry } from './pipeline/parse-pipeline';

/** A pass is unknown, was given a bad option, or failed. */
export class PassError extends ScanflowError {
  constructor(message: string, options?: ScanflowErrorOptions) {
    super('PASS_FAILED', message, options);
    this.name = 'PassError';
  }
}

/** What a verifier says about a pass: do the model before and after it compute the same thing? */
export interface VerificationOutcome {
  ok: boolean;
  /** What differed (first output, element, values), or what was compared. */
  detail?: string;
}

/** Compares the model before a pass with the model after it (the CLI wires the simulator in). */
export type Verifier = (before: Model, after: Model, pass: string) => VerificationOutcome;

/** One executed pass, for logs and reports. */
export interface PassRecord {
  name: string;
  options: PassOptions;
  /** Nesting path for passes run by a composite pass, e.g. `cleanup/fold-constants`. */
  path: string;
  changed: boolean;
  milliseconds: number;
  notes: string[];
  verification?: VerificationOutcome;
}

/** Hooks around every pass (timing, IR dumps, progress), MLIR-instrumentation style. */
export interface PassInstrumentation {
  beforePass?(pass: string, model: Model): void;
  afterPass?(record: PassRecord, model: Model): void;
  afterPassFailed?(pass: string, error: unknown): void;
}

export interface RunPipelineOptions {
  registry: Registry;
  evaluate?: ConstantEvaluator;
  calibrate?: Calibrator;
  instrumentations?: PassInstrumentation[];
  /** Run after every (non-composite) pass that changed the model. */
  verify?: Verifier;
  /** Stop at the first pass whose verification fails (default true): throws a PassError naming it. */
  stopOnDivergence?: boolean;
}

export interface PipelineResult {
  model: Model;
  records: PassRecord[];
  /** The first pass after which the verifier saw different results. */
  firstDivergence?: PassRecord;
}

function resolveOptions(pass: PassDefinition, given: PassOptions): PassOptions {
  const declared = pass.options ?? {};
  for (const k of Object.keys(given)) {
    if (!(k in declared)) {
      const known = Object.keys(declared);
      throw new PassError(`pass '${pass.name}' has no option '${k}'${known.length ? ` (options: ${known.join(', ')})` : ''}`);
    }
    const want = typeof declared[k].default;
    if (typeof given[k] !== want) throw new PassError(`pass '${pass.name}': option '${k}' takes a ${want}, got '${String(given[k])}'`);
  }
  const out: PassOptions = {};
  for (const [k, spec] of Object.entries(declared)) out[k] = k in given ? given[k] : spec.default;
  return out;
}

/**
 * Runs a pipeline (text or parsed) of registered passes over a model, in order, in place. Each pass
 * is timed and reported to the instrumentations; with a verifier, the model before each pass is
 * kept and compared with the model after it.
 */
export function runPipeline(model: Model, pipeline: string | readonly PipelineEntry[], options: RunPipelineOptions): PipelineResult {
  const records: PassRecord[] = [];
  const result: PipelineResult = { model, records };
  const entries = typeof pipeline === 'string' ? parsePipeline(pipeline) : pipeline;
  // Resolve every name first so that a typo fails before anything runs.
  const resolve = (list: readonly PipelineEntry[], seen: string[]): void => {
    for (const e of list) {
      const pass = options.registry.get('passes', e.name);
      if (!pass) {
        const known = options.registry.list('passes').map((p) => p.name).sort();
        throw new PassError(`unknown pass '${e.name}' in pipeline '${formatPipeline(entries)}' (registered: ${known.join(', ') || 'none'})`);
      }
      resolveOptions(pass, e.options);
      if (pass.pipeline) {
        if (seen.includes(pass.name)) throw new PassError(`composite pass '${pass.name}' includes itself (${[...seen, pass.name].join(' → ')})`);
        resolve(parsePipeline(pass.pipeline), [...seen, pass.name]);
      }
    }
  };
  resolve(entries, []);
  execute(entries, '', model, options, result);
  return result;
}

function execute(entries: readonly PipelineEntry[], prefix: string, model: Model, options: RunPipelineOptions, result: PipelineResult): void {
  const hooks = options.instrumentations ?? [];
  for (const entry of entries) {
    const pass = options.registry.get('passes', entry.name)!;
    const opts = resolveOptions(pass, entry.options);
    const path = prefix + pass.name;
    if (pass.pipeline) {
      execute(parsePipeline(pass.pipeline), `${path}/`, model, options, result);
      continue;
    }
    for (const h of hooks) h.beforePass?.(path, model);
    const before = options.verify ? cloneModel(model) : undefined;
    const notes: string[] = [];
    const t0 = performance.now();
    let changed: boolean;
    try {
      changed = pass.run!(model, { registry: options.registry, ...(options.evaluate ? { evaluate: options.evaluate } : {}), ...(options.calibrate ? { calibrate: options.calibrate } : {}), note: (m) => notes.push(m) }, opts).changed;
    } catch (e) {
      for (const h of hooks) h.afterPassFailed?.(path, e);
      const msg = e instanceof Error ? e.message : String(e);
      // A ScanflowError keeps its category (a bad model stays a model error); anything else is a bug.
      throw new PassError(`pass '${path}' failed: ${msg}`, { cause: e, category: errorCategory(e) });
    }
    const record: PassRecord = { name: pass.name, options: opts, path, changed, milliseconds: performance.now() - t0, notes };
    if (before && changed) {
      record.verification = options.verify!(before, model, path);
      if (!record.verification.ok && !result.firstDivergence) {
        result.firstDivergence = record;
        if (options.stopOnDivergence ?? true) {
          result.records.push(record);
          throw new PassError(`pass '${path}' changed the model's results: ${record.verification.detail ?? 'outputs differ'}`);
        }
      }
    }
    result.records.push(record);
    for (const h of hooks) h.afterPass?.(record, model);
  }
}
