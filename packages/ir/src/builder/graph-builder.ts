import { DataType } from '../datatype/datatype';
import type { AttributeInput } from '../graph/attribute';
import { Graph } from '../graph/graph';
import { Model } from '../graph/model';
import { Node } from '../graph/node';
import type { Dim, ValueType } from '../graph/value-type';
import type { ElemType } from '../tensor/elem-type';
import { Tensor } from '../tensor/tensor';

export interface NodeOptions {
  domain?: string;
  name?: string;
  /** Output names; by default fresh names derived from the op type. */
  outputs?: string[];
  /** Number of outputs when `outputs` is not given (default 1). */
  outputCount?: number;
}

/**
 * A small builder for graphs in tests, examples and model builders:
 *
 * ```ts
 * const b = new GraphBuilder('cell');
 * const x = b.input('x', 'float32', [1, 10]);
 * const w = b.initializer('W', Tensor.float32([10, 20], weights));
 * const y = b.op('MatMul', [x, w]);
 * b.output(y);
 * const model = b.model({ opset: 17 });
 * ```
 */
export class GraphBuilder {
  readonly graph: Graph;
  private readonly used = new Set<string>();
  private counter = 0;

  constructor(name = 'graph') {
    this.graph = new Graph({ name });
  }

  /** A fresh value or node name starting with `base`. */
  fresh(base: string): string {
    let name = base;
    while (this.used.has(name)) name = `${base}_${++this.counter}`;
    this.used.add(name);
    return name;
  }

  private claim(name: string): string {
    this.used.add(name);
    return name;
  }

  input(name: string, elemType: ElemType, shape?: Dim[], datatype?: DataType): string {
    this.graph.inputs.push({ name: this.claim(name), type: shape ? { kind: 'tensor', elemType, shape } : { kind: 'tensor', elemType } });
    if (datatype) this.graph.setDataType(name, datatype);
    return name;
  }

  /** A graph input of any value type (sequences etc.). */
  inputOfType(name: string, type: ValueType): string {
    this.graph.inputs.push({ name: this.claim(name), type });
    return name;
  }

  initializer(name: string, tensor: Tensor, datatype?: DataType): string {
    const n = this.fresh(name);
    this.graph.initializers.set(n, tensor);
    if (datatype) this.graph.setDataType(n, datatype);
    return n;
  }

  /** A float32 scalar initializer. */
  scalar(name: string, value: number, elemType: ElemType = 'float32'): string {
    return this.initializer(name, Tensor.scalar(elemType, value));
  }

  /** Adds a node and returns its output names. */
  node(opType: string, inputs: (string | undefined)[], attributes: Record<string, AttributeInput | undefined> = {}, options: NodeOptions = {}): string[] {
    const outputs = options.outputs?.map((o) => (o ? this.claim(o) : '')) ??
      Array.from({ length: options.outputCount ?? 1 }, (_, k) => this.fresh(`${opType.toLowerCase()}${k ? `_out${k}` : ''}`));
    const name = options.name ? this.claim(options.name) : this.fresh(`${opType}_n`);
    this.graph.nodes.push(
      new Node({ opType, domain: options.domain ?? '', name, inputs: inputs.map((i) => i ?? ''), outputs, attributes }),
    );
    return outputs;
  }

  /** Adds a single-output node and returns its output name. */
  op(opType: string, inputs: (string | undefined)[], attributes: Record<string, AttributeInput | undefined> = {}, options: Omit<NodeOptions, 'outputCount'> = {}): string {
    return this.node(opType, inputs, attributes, options)[0];
  }

  output(name: string, elemType?: ElemType, shape?: Dim[]): string {
    this.graph.outputs.push(elemType ? { name, type: shape ? { kind: 'tensor', elemType, shape } : { kind: 'tensor', elemType } } : { name });
    return name;
  }

  /** Wraps the graph in a model with the given opset imports. */
  model(options: { opset?: number; opsets?: Record<string, number>; irVersion?: number } = {}): Model {
    const opsetImports = new Map<string, number>([['', options.opset ?? 17]]);
    for (const [d, v] of Object.entries(options.opsets ?? {})) opsetImports.set(d, v);
    return new Model(this.graph, { opsetImports, irVersion: options.irVersion ?? 8, producerName: 'scanflow' });
  }
}

