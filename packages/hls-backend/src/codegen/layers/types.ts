import type { Graph, Model, Node, Registry, Tensor } from '@scanflow/ir';
import type { ElemType } from '../cpp-types';
import type { IdentifierPool } from '../identifiers';

/** What a layer generator sees. */
export interface CodegenContext {
  readonly node: Node;
  /** The graph holding the node (the top graph, or a Recurrence body). */
  readonly graph: Graph;
  readonly model: Model;
  /** The registry the project is generated with (hardware layers, op schemas). */
  readonly registry: Registry;
  /** The C++ name of the layer function to define (already sanitised and unique). */
  readonly functionName: string;
  /** Unique names for any further functions the layer defines (Recurrence: step and loop, body layers). */
  readonly functions: IdentifierPool;
  /** Total elements of a value per call of the enclosing region (static). */
  elements(value: string): number;
  /** C++ element type of a value, from its datatype annotation. */
  elemType(value: string): ElemType;
  /** The value if it is a constant (an initializer of the graph). */
  constant(value: string): Tensor | undefined;
  /** Whether the value's length grows with the run-time sequence length. */
  isSeq(value: string): boolean;
  /** C++ expression: `elements(value) / perItem` items per call (× seq_len / T for a sequence value). */
  reps(value: string, perItem: number): string;
}

/** One stream argument of a layer function. */
export interface LayerPort {
  /** Index of the node input or output the stream carries. */
  readonly index: number;
  /** Elements per stream word (the layer's PE or SIMD). */
  readonly lanes: number;
  readonly elem: ElemType;
  /** Elements per call (at the nominal sequence length for a sequence value). */
  readonly elements: number;
  /** The stream's length grows with the run-time sequence length. */
  readonly seq?: boolean;
}

/** A generated C++ function, written to its own file `src/layers/<name>.hpp`. */
export interface CppDefinition {
  readonly name: string;
  readonly code: string;
}

/**
 * The C++ of one hardware layer: `static void <functionName>(inputs..., outputs...)` taking one
 * `hls::stream<ap_uint<lanes * bits> >&` per port, in the order given.
 */
export interface LayerCode {
  /** Data inputs read as streams (parameters are baked into the function). */
  readonly inputs: readonly LayerPort[];
  /** Outputs written as streams. */
  readonly outputs: readonly LayerPort[];
  /** The outputs are one array argument `hls::stream<W> outs[N]` (DuplicateStreams with N > 2). */
  readonly outputArray?: boolean;
  /** Function definitions in dependency order; the last one defines `functionName`. */
  readonly definitions: readonly CppDefinition[];
  /** The function takes the run-time sequence length `seq_len` as its last argument. */
  readonly usesSeqLen?: boolean;
}

/** Emits the C++ of one hardware layer. */
export type LayerGenerator = (ctx: CodegenContext) => LayerCode;
