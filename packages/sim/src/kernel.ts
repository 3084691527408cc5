import type { DataType, Graph, Model, Node, Registry, Tensor } from '@scanflow/ir';
import type { TraceRecorder } from './trace';

/**
 * How to execute one op. `create` runs once per node when a model is compiled (parse attributes,
 * precompute constants, compile subgraphs); the returned Kernel runs once per inference.
 */
export interface KernelDefinition {
  domain: string;
  opType: string;
  /** First opset version this kernel implements (default 1); a later `since` takes over from it. */
  since?: number;
  override?: boolean;
  create(node: Node, ctx: KernelContext): Kernel;
}

/**
 * Executes a node: receives its inputs in order (undefined for omitted optional inputs) and returns
 * its outputs in order (undefined for an output it does not produce). Must not mutate its inputs.
 */
export type Kernel = (inputs: readonly (Tensor | undefined)[], run: RunContext) => (Tensor | undefined)[];

/** What a kernel sees when it is created. */
export interface KernelContext {
  readonly node: Node;
  /** The opset version of the node's domain in this model. */
  readonly opset: number;
  readonly graph: Graph;
  readonly model: Model;
  readonly registry: Registry;
  /** Compiles a subgraph (Scan / Loop / If body) once, to be run many times. */
  compileSubgraph(body: Graph): CompiledGraph;
  /** The QONNX datatype annotated on a value of the node's graph. */
  dataTypeOf(value: string): DataType | undefined;
  /**
   * Whether input `i` holds the same constant on every run (an initializer, or a result the plan
   * computed once). Ask at run time, not in `create`: the plan decides after creating the kernels.
   */
  isConstantInput(i: number): boolean;
  /** Throws a SimulationError naming this node. */
  fail(message: string): never;
}

/** What a kernel sees each time it runs. */
export interface RunContext {
  /** A value visible from the node's graph (its own values and those of enclosing graphs). */
  lookup(name: string): Tensor | undefined;
  /** Set when the caller asked for a trace of every intermediate value. */
  readonly trace?: TraceRecorder;
  /** Where this node sits, e.g. `''` for the main graph or `scan_1[3]/` inside a Scan body at iteration 3. */
  readonly path: string;
}

/** A graph compiled into an execution plan. */
export interface CompiledGraph {
  readonly graph: Graph;
  /** Names of the inputs `run` expects, in order (graph inputs without initializer-only ones). */
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** Values this graph reads from enclosing scopes, in the order `run` expects them. */
  readonly outerNames: readonly string[];
  /** The largest tensor (elements) the plan lets a node produce; loops stacking outputs respect it too. */
  readonly maxTensorElements?: number;
  /**
   * Runs the plan. `outer[k]` is the value of `outerNames[k]`; `parent` gives the caller's trace and
   * path; `path` extends it (e.g. `scan_1[3]/`).
   */
  run(inputs: readonly (Tensor | undefined)[], outer: readonly (Tensor | undefined)[], parent?: RunContext, path?: string): Tensor[];
}

/** Identity helper that types a kernel definition literal. */
export function defineKernel(kernel: KernelDefinition): KernelDefinition {
  return kernel;
}

declare module '@scanflow/ir' {
  interface PluginContributions {
    /** Simulator kernels, read by @scanflow/sim. */
    kernels?: KernelDefinition[];
  }
}
