import { cloneModel, type ConstantEvaluator, errorCategory, type Model, type Registry, ScanflowError, type ScanflowErrorOptions } from '@scanflow/ir';
import type { Calibrator, PassDefinition, PassOptions } from './pass';
import { formatPipeline, parsePipeline, type PipelineEntry } from './pipeline/parse-pipeline';
import { findStructureProblems } from './verify/structure-problems';

/**
 * A pass is unknown, was given a bad option, or failed (`PASS_FAILED`); or, with the structural
 * verifier on, left a model that breaks a structural rule (`PASS_BROKE_MODEL`).
 */
export class PassError extends ScanflowError {
  constructor(message: string, options?: ScanflowErrorOptions & { code?: string }) {
    super(options?.code ?? 'PASS_FAILED', message, options);
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
  /** What the pass published (PassContext.publish), by name. */
  results?: Record<string, unknown>;
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
  /**
   * The structural verifier: after every (non-composite) pass that changed the model, check it
   * (findStructureProblems: schema attributes, input / output counts, single definition, defined
   * values, no cycles, topological order, annotated datatypes) and throw a PassError
   * (`PASS_BROKE_MODEL`) naming the pass and the first problem it introduced. Problems the model
   * had before the pipeline are not blamed on a pass. Off by default (it costs a walk of the model per pass).
   */
  checkStructure?: boolean;
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
  const structure = options.checkStructure ? new StructureWatch(model, options.registry) : undefined;
  execute(entries, '', model, options, result, structure);
  return result;
}

/** The structural verifier's state: the problems the model had after the last pass (not blamed again). */
class StructureWatch {
  private known: Set<string>;

  constructor(
    model: Model,
    private readonly registry: Registry,
  ) {
    this.known = new Set(findStructureProblems(model, registry).map((p) => p.message));
  }

  /** Throws a PassError naming `pass` when the model has a problem it did not have before the pass. */
  afterPass(pass: string, model: Model): void {
    const problems = findStructureProblems(model, this.registry);
    const fresh = problems.filter((p) => !this.known.has(p.message));
    this.known = new Set(problems.map((p) => p.message));
    if (!fresh.length) return;
    const more = fresh.length > 1 ? ` (and ${fresh.length - 1} more)` : '';
    throw new PassError(`pass '${pass}' broke the model (structural verifier, rule ${fresh[0]!.rule}): ${fresh[0]!.message}${more}`, { code: 'PASS_BROKE_MODEL', category: 'internal' });
  }
}

function execute(entries: readonly PipelineEntry[], prefix: string, model: Model, options: RunPipelineOptions, result: PipelineResult, structure: StructureWatch | undefined): void {
  const hooks = options.instrumentations ?? [];
  for (const entry of entries) {
    const pass = options.registry.get('passes', entry.name)!;
    const opts = resolveOptions(pass, entry.options);
    const path = prefix + pass.name;
    if (pass.pipeline) {
      execute(parsePipeline(pass.pipeline), `${path}/`, model, options, result, structure);
      continue;
    }
    for (const h of hooks) h.beforePass?.(path, model);
    const before = options.verify ? cloneModel(model) : undefined;
    const notes: string[] = [];
    const results: Record<string, unknown> = {};
    let published = false;
    const publish = (name: string, value: unknown): void => {
      results[name] = value;
      published = true;
    };
    const t0 = performance.now();
    let changed: boolean;
    try {
      changed = pass.run!(model, { registry: options.registry, ...(options.evaluate ? { evaluate: options.evaluate } : {}), ...(options.calibrate ? { calibrate: options.calibrate } : {}), note: (m) => notes.push(m), publish }, opts).changed;
    } catch (e) {
      for (const h of hooks) h.afterPassFailed?.(path, e);
      const msg = e instanceof Error ? e.message : String(e);
      // A ScanflowError keeps its category (a bad model stays a model error); anything else is a bug.
      throw new PassError(`pass '${path}' failed: ${msg}`, { cause: e, category: errorCategory(e) });
    }
    const record: PassRecord = { name: pass.name, options: opts, path, changed, milliseconds: performance.now() - t0, notes, ...(published ? { results } : {}) };
    if (structure && changed) {
      try {
        structure.afterPass(path, model);
      } catch (e) {
        for (const h of hooks) h.afterPassFailed?.(path, e);
        throw e;
      }
    }
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
