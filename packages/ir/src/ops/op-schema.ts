import type { DataType } from '../datatype/datatype';
import type { AttributeType } from '../graph/attribute';
import type { Graph } from '../graph/graph';
import type { Node } from '../graph/node';
import type { TensorType, ValueType } from '../graph/value-type';
import type { Tensor } from '../tensor/tensor';
import type { OpTraits } from './op-traits';

/** One attribute of an op: its kind, whether it is required, and a documented default. */
export interface AttributeSpec {
  type: AttributeType;
  required?: boolean;
  /** The default, for documentation and for `inspect` (kernels apply defaults themselves). */
  default?: unknown;
  /** For string and int attributes: the allowed values. */
  allowed?: readonly (string | number)[];
  description?: string;
}

/** What an op's inference hooks see of one node. */
export interface InferenceContext {
  readonly node: Node;
  /** Opset version of the node's domain in this model. */
  readonly opset: number;
  readonly graph: Graph;
  /** Type of input `i`, undefined when the input is omitted or not known. */
  input(i: number): ValueType | undefined;
  /** Tensor type of input `i`; fails with a clear error if the input is present but not a tensor. */
  tensorInput(i: number): TensorType | undefined;
  /** Value of input `i` when it is known before running (initializer, Constant, folded). */
  constant(i: number): Tensor | undefined;
  /** The number of inputs actually given (omitted trailing inputs not counted). */
  readonly inputCount: number;
  /** Infers a subgraph (Scan / Loop / If body) given its input types; returns its output types. */
  inferSubgraph(body: Graph, inputs: (ValueType | undefined)[]): (ValueType | undefined)[];
  /** Throws an IrError naming this node. */
  fail(message: string): never;
}

/** What datatype inference sees of one node. */
export interface DataTypeContext {
  readonly node: Node;
  readonly opset: number;
  readonly graph: Graph;
  /** QONNX datatype of input `i` (FLOAT32 when not annotated). */
  dataType(i: number): DataType;
  constant(i: number): Tensor | undefined;
}

/**
 * What an op's `upgrade` hook sees: a node written against an older opset of the same op (`from`,
 * below the schema's `since`), to be put into the schema's form when a model's opset is raised.
 */
export interface UpgradeContext {
  readonly node: Node;
  readonly graph: Graph;
  /** The opset the node was written against. */
  readonly from: number;
  /** Adds a constant to the graph under a fresh name made from `base`; returns the name. */
  constant(base: string, value: Tensor): string;
  /** Counts the node as rewritten (for the pass's note). */
  changed(): void;
  /** Refuses: the node's meaning cannot be kept at the new opset (the caller names the node). */
  fail(message: string): never;
}

/** What an op's `check` hook sees of one node (the model checker runs it at load). */
export interface CheckContext {
  readonly node: Node;
  /** Opset version of the node's domain in this model. */
  readonly opset: number;
  /** Reports the node as invalid (the checker names the node). */
  fail(message: string): never;
}

/**
 * The schema of one op at one opset range: attribute specs and inference hooks. Registered through
 * a plugin's `ops`. An op whose schema changed over opsets has one schema per `since` version.
 */
export interface OpSchema {
  domain: string;
  opType: string;
  /** First opset version this schema applies to (default 1). */
  since?: number;
  override?: boolean;
  description?: string;
  attributes?: Record<string, AttributeSpec>;
  /** Allowed number of inputs / outputs (inclusive). */
  inputs?: [min: number, max: number];
  outputs?: [min: number, max: number];
  /**
   * Structural rules beyond input / output counts and attribute kinds, checked at load without
   * types (e.g. Scan: the body's inputs and outputs match num_scan_inputs and the axes lists).
   */
  check?(ctx: CheckContext): void;
  /** Output types (element type and shape) from input types and attributes. */
  inferTypes?(ctx: InferenceContext): (ValueType | undefined)[];
  /**
   * Output values known before anything runs, from input types, known input values and attributes
   * alone (Constant, Shape of a static shape). Lets shape computations resolve without an evaluator.
   */
  inferValues?(ctx: InferenceContext): (Tensor | undefined)[] | undefined;
  /** Output QONNX datatypes, for ops whose result type follows from their inputs. */
  inferDataTypes?(ctx: DataTypeContext): (DataType | undefined)[];
  /**
   * Version adapter (as in ONNX's version converter): rewrites a node written against an older opset
   * of this op into this schema's form — attribute operands become inputs, changed defaults made
   * explicit — or refuses when its meaning would change. Called, in `since` order, for each schema of
   * the op newer than the model's opset and not newer than the target. Returns replacement nodes, or
   * undefined when the node was edited in place (or needed nothing).
   */
  upgrade?(ctx: UpgradeContext): Node[] | undefined;
  /** What passes may assume about the op (element-wise, data movement, quantiser, loop body ...); see OpTraits. */
  traits?: OpTraits;
}

/** Identity helper that types an op schema literal. */
export function defineOp(schema: OpSchema): OpSchema {
  return schema;
}
