import { coreOps, createRegistry, formatValueType, type Model, type Registry, type Tensor, type ValueType } from '@scanflow/ir';
import { coreKernels } from './core-kernels';
import { SimulationError } from './errors';
import { GraphPlan } from './plan/compile-graph';
import { TraceRecorder } from './trace';

export interface SimulatorOptions {
  /** Where op kernels come from; default: the core ops and kernels. */
  registry?: Registry;
  /**
   * Check every value against its QONNX datatype annotation as it is produced (integers in range,
   * exact in float32): a wrong annotation or an overflowing accumulator stops the run, named.
   */
  checkDataTypes?: boolean;
  /**
   * Largest tensor (elements) any node may produce (default DEFAULT_MAX_TENSOR_ELEMENTS, 2^26):
   * a node whose output would be larger stops the run with a LimitError before allocating it.
   */
  maxTensorElements?: number;
}

export interface RunOptions {
  /** Record every intermediate value (including inside Scan bodies, per iteration). */
  trace?: boolean;
}

export interface SimulationResult {
  /** Outputs in graph-output order. */
  outputs: Tensor[];
  /** Outputs by name. */
  byName: Map<string, Tensor>;
  trace?: TraceRecorder;
}

/** A registry with scanflow's built-in op schemas and simulator kernels. */
export function defaultSimRegistry(): Registry {
  return createRegistry([coreOps(), coreKernels()]);
}

/** An input that does not fit the model: the caller's data is at fault (category 'input'). */
function inputError(message: string): SimulationError {
  return new SimulationError(message, { category: 'input' });
}

function checkInput(name: string, declared: ValueType | undefined, t: Tensor): void {
  if (!declared || declared.kind !== 'tensor') return;
  const want = formatValueType(declared);
  const got = `${t.elemType}[${t.dims.join(', ')}]`;
  if (declared.elemType !== t.elemType) throw inputError(`input '${name}': expected ${want}, got ${got}`);
  if (declared.shape) {
    if (declared.shape.length !== t.dims.length) throw inputError(`input '${name}': expected ${want}, got ${got} (rank differs)`);
    declared.shape.forEach((d, k) => {
      if (typeof d === 'number' && d !== t.dims[k]) throw inputError(`input '${name}': expected ${want}, got ${got} (dimension ${k} differs)`);
    });
  }
}

/**
 * Executes a model. The plan (value slots, kernels, subgraph plans) is built once in the
 * constructor and reused for every `run`.
 */
export class Simulator {
  readonly model: Model;
  readonly registry: Registry;
  private readonly plan: GraphPlan;
  private readonly checkDataTypes: boolean;
  private readonly maxTensorElements: number | undefined;
  /** Built on the first traced run: no fused steps, so every intermediate value is recorded. */
  private tracePlan?: GraphPlan;

  constructor(model: Model, options: SimulatorOptions = {}) {
    this.model = model;
    this.registry = options.registry ?? defaultSimRegistry();
    this.checkDataTypes = options.checkDataTypes ?? false;
    this.maxTensorElements = options.maxTensorElements;
    this.plan = new GraphPlan(model.graph, { model, registry: this.registry, checkDataTypes: this.checkDataTypes, ...this.limits() });
  }

  private limits(): { maxTensorElements?: number } {
    return this.maxTensorElements === undefined ? {} : { maxTensorElements: this.maxTensorElements };
  }

  /** Names of the inputs `run` expects, in graph-input order (initializers excluded). */
  get inputNames(): readonly string[] {
    return this.plan.inputNames;
  }

  get outputNames(): readonly string[] {
    return this.plan.outputNames;
  }

  /** Runs the model on inputs given in graph-input order or by name. */
  run(inputs: readonly Tensor[] | Record<string, Tensor> | Map<string, Tensor>, options: RunOptions = {}): SimulationResult {
    const names = this.plan.inputNames;
    let ordered: Tensor[];
    if (Array.isArray(inputs)) {
      if (inputs.length !== names.length) {
        throw inputError(`the model takes ${names.length} input(s) (${names.join(', ')}), got ${inputs.length}`);
      }
      ordered = [...(inputs as readonly Tensor[])];
    } else {
      const m = inputs instanceof Map ? inputs : new Map(Object.entries(inputs as Record<string, Tensor>));
      for (const k of m.keys()) if (!names.includes(k)) throw new SimulationError(`the model has no input named '${k}' (inputs: ${names.join(', ')})`);
      ordered = names.map((n) => {
        const t = m.get(n);
        if (!t) throw new SimulationError(`input '${n}' is missing`);
        return t;
      });
    }
    const g = this.model.graph;
    ordered.forEach((t, k) => checkInput(names[k], g.inputs.find((i) => i.name === names[k])?.type, t));
    const trace = options.trace ? new TraceRecorder() : undefined;
    const root = { lookup: () => undefined, path: '', ...(trace ? { trace } : {}) };
    const plan = trace ? (this.tracePlan ??= new GraphPlan(this.model.graph, { model: this.model, registry: this.registry, fuse: false, checkDataTypes: this.checkDataTypes, ...this.limits() })) : this.plan;
    const outputs = plan.run(ordered, [], root);
    const result: SimulationResult = { outputs, byName: new Map(outputs.map((t, k) => [this.plan.outputNames[k], t])) };
    if (trace) result.trace = trace;
    return result;
  }
}

export function createSimulator(model: Model, options: SimulatorOptions = {}): Simulator {
  return new Simulator(model, options);
}
