import type { Graph } from '../graph/graph';
import type { Node } from '../graph/node';
import type { Tensor } from '../tensor/tensor';

/**
 * Op traits: what passes may assume about an op, declared on its schema (in the spirit of MLIR's
 * traits and interfaces) so that a pass asks "is this op element-wise / layout-only / a quantiser?"
 * instead of keeping a list of op names. A plugin's op gets the same treatment as a core op by
 * declaring the same traits. Every trait is optional; absent means "nothing is promised".
 */
export interface OpTraits {
  /** Output element i depends only on the input elements at i (after broadcasting): the op's meaning does not depend on the rank. */
  elementwise?: ElementwiseTrait;
  /** The op only moves elements: every output element is one element of a data input, unchanged. */
  dataMovement?: DataMovementTrait;
  /** How a positive constant scale on a data input relates to the result (what lets streamlining move scales). */
  scaleCommuting?: ScaleCommuting;
  /**
   * For an element-wise op of one input: its element function never decreases, so a quantiser
   * reading it is still a step function of its input and can absorb it (Sigmoid, Tanh, Relu).
   */
  monotone?: 'non-decreasing';
  /**
   * A quantiser (Quant, QuantizeLinear, MultiThreshold ...): its structure carries meaning later
   * stages read (bit widths, grids), so it is never constant-folded away.
   */
  quantizer?: boolean;
  /**
   * False for ops whose result is not a function of their inputs and attributes (random
   * generators): they are never constant-folded. Default true.
   */
  deterministic?: boolean;
  /** Which attributes hold bodies, and how values flow between the node and its body (Scan). */
  subgraphs?: SubgraphInterface;
  /**
   * The op has no hardware form of its own: a pass of the import stage must rewrite it into other
   * ops (the ONNX RNN family into Scans). A node of it still there after the import stage is an
   * error saying that no registered pass lowers it (`require-lowered`), rather than a host op.
   */
  needsLowering?: boolean;
  /**
   * The op sums products over an axis (a matrix product, a convolution): the compute an accelerator
   * exists for, so one left on the host is an error of the flow, not pre- or post-processing.
   */
  contraction?: boolean;
  /**
   * Interval inference: the integer interval of each output from the intervals of the inputs (an
   * output known to hold integers only). Undefined (or an undefined entry): not known to be integer.
   * Data-movement ops need no hook: their outputs take the join of their data inputs' intervals.
   */
  ranges?(ctx: RangeContext): (Interval | undefined)[] | undefined;
}

/**
 * How operands of different shapes meet:
 * - `none`: one data operand (unary), or operands of equal shape;
 * - `numpy`: multidirectional (numpy) broadcasting of every input;
 * - `legacy`: the opset-1..6 form, where B broadcasts onto A only with the `broadcast` / `axis` attributes;
 * - `per-axis`: the first input is the data; the other inputs are parameters that are single values
 *   or 1-D along the `axis` attribute (QuantizeLinear / DequantizeLinear).
 */
export type ElementwiseBroadcast = 'none' | 'numpy' | 'legacy' | 'per-axis';

export interface ElementwiseTrait {
  broadcast: ElementwiseBroadcast;
}

/**
 * - `layout`: the output holds exactly the data input's elements, each once, perhaps in another
 *   shape or order (Identity, Reshape, Flatten, Squeeze, Unsqueeze, Transpose): a per-tensor scale
 *   or an element-wise function commutes with it;
 * - `select`: each output element is some element of a data input, perhaps repeated or dropped
 *   (Gather, Slice, Expand, Tile, Concat, Split).
 */
export interface DataMovementTrait {
  kind: 'layout' | 'select';
  /** The inputs whose elements move (default [0]); `all` for ops joining several (Concat). The others are indices, shapes, axes. */
  dataInputs?: readonly number[] | 'all';
}

/**
 * How a positive constant scale s on a data input relates to the result:
 * - `linear`: op(x·s, …) = op(x, …)·s — the scale moves to the output (MatMul, Conv without bias, Mul);
 * - `join`: op(x·s, y·s) = op(x, y)·s when every operand carries the same scale (Add, Sub);
 * - `absorb`: the scale folds into the op's own parameters (MultiThreshold: the thresholds divided by s).
 */
export type ScaleCommuting = 'linear' | 'join' | 'absorb';

/** Which attributes hold subgraphs, and for loops how the node's values flow through the body. */
export interface SubgraphInterface {
  /** Attributes that hold a body (a graph) or bodies (graphs). */
  attributes: readonly string[];
  /** For a loop: the binding of `node`'s inputs and outputs to its body's, or undefined when the node's form is not a loop this describes. */
  loop?(node: Node): LoopBinding | undefined;
}

/** One body input of a loop: where its value comes from in each iteration. */
export type LoopInput =
  /** A loop-carried state: `initial` (node input) in the first iteration, then body output `next`; its last value is node output `final`. */
  | { kind: 'carried'; initial: number; next: number; final?: number }
  /** A slice of node input `from` per iteration (its elements, re-shaped). */
  | { kind: 'sliced'; from: number }
  /** Anything else (an iteration counter, a condition): nothing known from the node's inputs. */
  | { kind: 'other' };

/** How a loop node's inputs and outputs bind to its body's (Scan: N states, M sliced inputs, K stacked outputs). */
export interface LoopBinding {
  body: Graph;
  /** One entry per body input. */
  inputs: readonly LoopInput[];
  /** Body outputs stacked over the iterations into a node output. */
  stacked: readonly { bodyOutput: number; nodeOutput: number }[];
}

/** A closed interval of integers: every element of a value lies in [lo, hi]. */
export interface Interval {
  lo: number;
  hi: number;
}

/** What an op's `ranges` hook sees of one node. */
export interface RangeContext {
  readonly node: Node;
  readonly graph: Graph;
  /** Interval of input `i`; undefined when the input is omitted or not known to hold integers. */
  range(i: number): Interval | undefined;
  /** The value of input `i` when it is a constant of the graph (an initializer that is not also a graph input). */
  constant(i: number): Tensor | undefined;
  /**
   * When true, an output whose type the node declares (MultiThreshold's `out_dtype`) covers that
   * whole type, not only the values the node's parameters can reach.
   */
  readonly declaredTypes: boolean;
}

/** The indices of `node`'s data inputs under a data-movement trait (present inputs only). */
export function dataInputsOf(node: Node, trait: DataMovementTrait): number[] {
  const slots = trait.dataInputs ?? [0];
  const all = slots === 'all' ? node.inputs.map((_, k) => k) : [...slots];
  return all.filter((k) => !!node.inputs[k]);
}

/** The smallest interval holding both. */
export function joinIntervals(a: Interval, b: Interval): Interval {
  return { lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) };
}
