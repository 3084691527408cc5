import { type Graph, type InferenceContext, LimitError, type Node, type OpSchema, quoteName, type Tensor, type TensorType } from '@scanflow/ir';

/** Thrown inside the guard's inference context to give up on a prediction (the kernel decides). */
class NoPrediction extends Error {}

/** How a limit error says where the tensor was going to be made. */
function overLimit(where: string, output: string, shape: readonly number[], size: number, max: number): LimitError {
  return new LimitError(
    'maxTensorElements',
    `${where}: output ${quoteName(output)} would have shape [${shape.join(', ')}] = ${size} elements, over the limit maxTensorElements = ${max} (raise it with the maxTensorElements option, or --max-elements in the CLI)`,
  );
}

/**
 * Refuses, before a kernel allocates anything, to run a node when the op's schema says that for the
 * actual inputs an output would have more than `max` elements (e.g. ConstantOfShape or Expand to
 * [32768, 32768]). The schema's shape inference runs on the inputs' real shapes and on the values it
 * asks for; when it cannot tell (no schema, a subgraph, an inference error) the kernel runs and
 * `checkProduced` looks at its outputs. One guard per step: a prediction is reused while the input
 * types and shapes — and the very tensors whose values it read — stay the same, so a Scan body's
 * steps pay for it once, not every iteration.
 */
export class OutputGuard {
  private valid = false;
  private types: (string | undefined)[] = [];
  private dims: (readonly number[] | undefined)[] = [];
  /** The tensors whose values the last prediction read (compared by identity), by input index. */
  private read: (Tensor | undefined)[] = [];

  constructor(
    private readonly node: Node,
    private readonly schema: OpSchema | undefined,
    private readonly opset: number,
    private readonly graph: Graph,
    /** Where the node sits, for messages, given the run's path (e.g. `scan_1[3]/`). */
    private readonly where: (path: string) => string = (path) => `${path}graph '${graph.name}', node ${node.label}`,
  ) {}

  /** Before the kernel runs: a LimitError if an output would pass `max` elements. */
  check(inputs: readonly (Tensor | undefined)[], max: number, path = ''): void {
    const infer = this.schema?.inferTypes;
    if (!infer || (this.valid && this.same(inputs))) return;
    const type = (i: number): TensorType | undefined => {
      const t = inputs[i];
      return t ? { kind: 'tensor', elemType: t.elemType, shape: [...t.dims] } : undefined;
    };
    const read: (Tensor | undefined)[] = [];
    let count = this.node.inputs.length;
    while (count > 0 && !this.node.inputs[count - 1]) count--;
    const ctx: InferenceContext = {
      node: this.node,
      opset: this.opset,
      graph: this.graph,
      inputCount: count,
      input: type,
      tensorInput: type,
      constant: (i) => (read[i] = inputs[i]),
      inferSubgraph: () => {
        throw new NoPrediction();
      },
      fail: () => {
        throw new NoPrediction();
      },
    };
    let outs;
    try {
      outs = infer.call(this.schema, ctx);
    } catch {
      this.valid = false;
      return;
    }
    outs.forEach((t, k) => {
      if (t?.kind !== 'tensor' || !t.shape || !t.shape.every((d) => typeof d === 'number')) return;
      let size = 1;
      for (const d of t.shape as number[]) size *= d;
      if (size > max) {
        this.valid = false;
        throw overLimit(this.where(path), this.node.outputs[k] ?? `#${k}`, t.shape as number[], size, max);
      }
    });
    this.types = inputs.map((t) => t?.elemType);
    this.dims = inputs.map((t) => t?.dims);
    this.read = read;
    this.valid = true;
  }

  /** After the kernel ran: refuses outputs above the limit that the prediction could not foresee. */
  checkProduced(outputs: readonly (Tensor | undefined)[], max: number, path = ''): void {
    for (let k = 0; k < outputs.length; k++) {
      const t = outputs[k];
      if (t && t.data.length > max) throw overLimit(this.where(path), this.node.outputs[k] ?? `#${k}`, t.dims, t.size, max);
    }
  }

  private same(inputs: readonly (Tensor | undefined)[]): boolean {
    if (inputs.length !== this.dims.length) return false;
    for (let k = 0; k < inputs.length; k++) {
      const t = inputs[k];
      const d = this.dims[k];
      if (!t || !d) {
        if (t !== undefined || d !== undefined) return false;
        continue;
      }
      if (t.elemType !== this.types[k] || t.dims.length !== d.length) return false;
      for (let j = 0; j < d.length; j++) if (t.dims[j] !== d[j]) return false;
      if (this.read[k] !== undefined && this.read[k] !== t) return false;
    }
    return true;
  }
}

