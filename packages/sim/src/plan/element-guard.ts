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
 * Refuses, before a kernel allocates anything, to run `node` when the op's schema says that for
 * these actual inputs an output would have more than `max` elements (e.g. ConstantOfShape or Expand
 * to [32768, 32768]). The schema's shape inference runs on the inputs' real shapes and values; when
 * it cannot tell (no schema, a subgraph, an inference error) the kernel runs and its outputs are
 * checked afterwards by `checkProduced`.
 */
export function guardOutputs(node: Node, schema: OpSchema | undefined, opset: number, graph: Graph, inputs: readonly (Tensor | undefined)[], max: number, where: () => string): void {
  if (!schema?.inferTypes) return;
  const type = (i: number): TensorType | undefined => {
    const t = inputs[i];
    return t ? { kind: 'tensor', elemType: t.elemType, shape: [...t.dims] } : undefined;
  };
  let count = node.inputs.length;
  while (count > 0 && !node.inputs[count - 1]) count--;
  const ctx: InferenceContext = {
    node,
    opset,
    graph,
    inputCount: count,
    input: type,
    tensorInput: type,
    constant: (i) => inputs[i],
    inferSubgraph: () => {
      throw new NoPrediction();
    },
    fail: () => {
      throw new NoPrediction();
    },
  };
  let outs;
  try {
    outs = schema.inferTypes(ctx);
  } catch {
    return;
  }
  outs.forEach((t, k) => {
    if (t?.kind !== 'tensor' || !t.shape || !t.shape.every((d) => typeof d === 'number')) return;
    let size = 1;
    for (const d of t.shape as number[]) size *= d;
    if (size > max) throw overLimit(where(), node.outputs[k] ?? `#${k}`, t.shape as number[], size, max);
  });
}

/** After a kernel ran: refuses outputs above the limit that the prediction could not foresee. */
export function checkProduced(node: Node, outputs: readonly (Tensor | undefined)[], max: number, where: () => string): void {
  for (let k = 0; k < outputs.length; k++) {
    const t = outputs[k];
    if (t && t.data.length > max) throw overLimit(where(), node.outputs[k] ?? `#${k}`, t.dims, t.size, max);
  }
}
