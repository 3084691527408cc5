import type { DataType } from '../datatype/datatype';
import { Tensor } from '../tensor/tensor';
import type { Node } from './node';
import type { ValueInfo } from './value-type';

/** Per-tensor annotations from ONNX `quantization_annotation`: QONNX datatype, layout, other keys. */
export interface TensorAnnotation {
  datatype?: DataType;
  /** QONNX's `tensor_layout` string, kept verbatim (e.g. "['N', 'C']"). */
  layout?: string;
  /** Any other key/value pairs, in order. */
  extra?: [string, string][];
}

export interface SparseInitializer {
  values: Tensor;
  indices: Tensor;
  dims: number[];
}

/**
 * A computation graph: nodes in order, inputs, outputs, initializers and per-value information.
 * Subgraphs (Scan / Loop / If bodies) are Graphs held in node attributes; they may read values of
 * the enclosing graphs by name (outer-scope references).
 */
export class Graph {
  name: string;
  nodes: Node[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  initializers: Map<string, Tensor>;
  /** value_info: declared types of intermediate values. */
  valueInfo: Map<string, ValueInfo>;
  annotations: Map<string, TensorAnnotation>;
  sparseInitializers: Map<string, SparseInitializer>;
  docString?: string;
  metadataProps?: [string, string][];

  constructor(init: Partial<Pick<Graph, 'name' | 'nodes' | 'inputs' | 'outputs' | 'docString' | 'metadataProps'>> & {
    initializers?: Map<string, Tensor> | [string, Tensor][];
    valueInfo?: Map<string, ValueInfo> | ValueInfo[];
    annotations?: Map<string, TensorAnnotation>;
    sparseInitializers?: Map<string, SparseInitializer>;
  } = {}) {
    this.name = init.name ?? 'graph';
    this.nodes = init.nodes ?? [];
    this.inputs = init.inputs ?? [];
    this.outputs = init.outputs ?? [];
    this.initializers = init.initializers instanceof Map ? init.initializers : new Map(init.initializers ?? []);
    this.valueInfo = init.valueInfo instanceof Map ? init.valueInfo : new Map((init.valueInfo ?? []).map((v) => [v.name, v]));
    this.annotations = init.annotations ?? new Map();
    this.sparseInitializers = init.sparseInitializers ?? new Map();
    if (init.docString !== undefined) this.docString = init.docString;
    if (init.metadataProps !== undefined) this.metadataProps = init.metadataProps;
  }

  /** Graph inputs that are not also initializers (the values a caller must feed). */
  get runtimeInputs(): ValueInfo[] {
    return this.inputs.filter((i) => !this.initializers.has(i.name));
  }

  /** The QONNX datatype annotated for `name`, if any. */
  getDataType(name: string): DataType | undefined {
    return this.annotations.get(name)?.datatype;
  }

  /** Sets (or with undefined, clears) the QONNX datatype of `name`. */
  setDataType(name: string, datatype: DataType | undefined): void {
    const a = { ...(this.annotations.get(name) ?? {}) };
    if (datatype) a.datatype = datatype;
    else delete a.datatype;
    if (a.datatype === undefined && a.layout === undefined && (a.extra === undefined || a.extra.length === 0)) this.annotations.delete(name);
    else this.annotations.set(name, a);
  }

  /** The declared type of a value: graph input/output, value_info, or an initializer's own type. */
  typeOf(name: string): ValueInfo['type'] {
    const init = this.initializers.get(name);
    if (init) return { kind: 'tensor', elemType: init.elemType, shape: [...init.dims] };
    return (
      this.valueInfo.get(name)?.type ?? this.inputs.find((i) => i.name === name)?.type ?? this.outputs.find((o) => o.name === name)?.type
    );
  }
}
