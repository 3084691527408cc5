import { type AttributeInput, attr, elemTypeCode, type Graph, Node, Tensor } from '@scanflow/ir';
import { NameSource } from '../graph/names';


/** The float element types the recurrent lowerings accept (those of the ONNX RNN family the simulator runs). */
export type FloatType = 'float32' | 'float64';

/** Where an emitter writes: nodes go to `nodes` (in order), initializers to `graph`. */
export interface EmitterTarget {
  graph: Graph;
  nodes: Node[];
  /** Prefix of generated value names (the node and value names are fresh model-wide). */
  prefix: string;
}

/**
 * Writes nodes and constants into one graph, with the operator forms of the model's opset (Clip,
 * Slice and Unsqueeze take their bounds / axes as attributes in old opsets, as inputs in new ones).
 * Small constants are shared: asking twice for the same values returns the same initializer.
 */
export class Emitter {
  private readonly constants = new Map<string, string>();

  constructor(
    readonly target: EmitterTarget,
    readonly names: NameSource,
    readonly opset: number,
    readonly floatType: FloatType,
  ) {}

  get graph(): Graph {
    return this.target.graph;
  }

  /** A fresh value name (prefixed). */
  fresh(base: string): string {
    return this.names.fresh(this.target.prefix + base);
  }

  /** Appends a node writing to the given output names; returns them. */
  emit(opType: string, inputs: (string | undefined)[], attributes: Record<string, AttributeInput | undefined>, outputs: string[]): string[] {
    const name = this.names.fresh(`${this.target.prefix}${opType}`);
    this.target.nodes.push(new Node({ opType, name, inputs: inputs.map((i) => i ?? ''), outputs, attributes }));
    return outputs;
  }

  /** A single-output node; its output is `out` exactly when `exact`, else a fresh name from `out`. */
  op(opType: string, inputs: (string | undefined)[], attributes: Record<string, AttributeInput | undefined> = {}, out?: string, exact = false): string {
    const o = exact && out ? out : this.fresh(out ?? opType.toLowerCase());
    return this.emit(opType, inputs, attributes, [o])[0];
  }

  /** An initializer under a fresh name. */
  initializer(base: string, tensor: Tensor): string {
    const name = this.fresh(base);
    this.graph.initializers.set(name, tensor);
    return name;
  }

  private shared(key: string, base: string, make: () => Tensor): string {
    let name = this.constants.get(key);
    if (!name) {
      name = this.initializer(base, make());
      this.constants.set(key, name);
    }
    return name;
  }

  /** A scalar (or given-shape, filled) constant of the float type. */
  float(value: number, dims: number[] = []): string {
    const ft = this.floatType;
    return this.shared(`f:${ft}:${dims.join('x')}:${value}`, dims.length ? 'zeros' : `const_${String(value).replace(/[^0-9a-zA-Z]/g, '_')}`, () => {
      const n = dims.reduce((a, b) => a * b, 1);
      const data = ft === 'float32' ? new Float32Array(n).fill(value) : new Float64Array(n).fill(value);
      return new Tensor(ft, dims, data);
    });
  }

  /** An int64 constant: a scalar when `scalar`, else 1-D. */
  int64(values: number[], scalar = false): string {
    return this.shared(`i:${scalar ? 's' : 'v'}:${values.join(',')}`, `int64_${values.join('_').replace(/-/g, 'm')}`, () =>
      Tensor.int64(scalar ? [] : [values.length], values),
    );
  }

  unsqueeze(x: string, axes: number[], out?: string, exact = false): string {
    if (this.opset >= 13) return this.op('Unsqueeze', [x, this.int64(axes)], {}, out, exact);
    return this.op('Unsqueeze', [x], { axes: attr.ints(axes) }, out, exact);
  }

  transpose(x: string, perm: number[], out?: string, exact = false): string {
    return this.op('Transpose', [x], { perm: attr.ints(perm) }, out, exact);
  }

  concat(xs: string[], axis: number, out?: string, exact = false): string {
    return this.op('Concat', xs, { axis: attr.int(axis) }, out, exact);
  }

  /** Gather with a scalar index: drops `axis`. */
  gather(x: string, index: number, axis: number, out?: string): string {
    return this.op('Gather', [x, this.int64([index], true)], { axis: attr.int(axis) }, out);
  }

  /** One range [start, end) of one axis. */
  slice(x: string, start: number, end: number, axis: number, out?: string): string {
    if (this.opset >= 10) return this.op('Slice', [x, this.int64([start]), this.int64([end]), this.int64([axis])], {}, out);
    return this.op('Slice', [x], { starts: attr.ints([start]), ends: attr.ints([end]), axes: attr.ints([axis]) }, out);
  }

  /** Clip to [-bound, bound]. */
  clip(x: string, bound: number, out?: string): string {
    if (this.opset >= 11) return this.op('Clip', [x, this.float(-bound), this.float(bound)], {}, out);
    return this.op('Clip', [x], { min: attr.float(-bound), max: attr.float(bound) }, out);
  }

  cast(x: string, to: 'int64' | FloatType, out?: string): string {
    return this.op('Cast', [x], { to: attr.int(elemTypeCode(to)) }, out);
  }
}
