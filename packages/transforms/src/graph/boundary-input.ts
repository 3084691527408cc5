import { buildUseDef, dataInputsOf, type Graph, type OpLookup } from '@scanflow/ir';

/**
 * The graph input whose elements `value` is made of, when `value` is that input moved around by
 * data-movement ops only (every output element is one input element, unchanged; so an element-wise
 * projection of the input is a projection of `value`). An op moving several data inputs (Concat)
 * qualifies when all its dynamic ones come from the same input. Undefined otherwise.
 */
export function boundaryInput(ops: OpLookup, graph: Graph, value: string): string | undefined {
  const { producer } = buildUseDef(graph);
  const inputs = new Set(graph.inputs.filter((i) => !graph.initializers.has(i.name)).map((i) => i.name));
  const walk = (v: string, depth: number): string | undefined => {
    if (inputs.has(v)) return v;
    const p = producer.get(v);
    const moves = p ? ops.traits(p).dataMovement : undefined;
    if (!p || depth > 64 || !moves) return undefined;
    const data = dataInputsOf(p, moves)
      .map((k) => p.inputs[k]!)
      .filter((i) => !graph.initializers.has(i));
    const found = new Set(data.map((d) => walk(d!, depth + 1)));
    return found.size === 1 ? [...found][0] : undefined;
  };
  return walk(value, 0);
}

/** Whether `value` is computed (in `graph`) from any runtime graph input; false for values made from constants only. */
export function dependsOnInputs(graph: Graph, value: string): boolean {
  const { producer } = buildUseDef(graph);
  const inputs = new Set(graph.inputs.filter((i) => !graph.initializers.has(i.name)).map((i) => i.name));
  const seen = new Set<string>();
  const stack = [value];
  while (stack.length) {
    const v = stack.pop()!;
    if (seen.has(v)) continue;
    seen.add(v);
    if (inputs.has(v)) return true;
    const p = producer.get(v);
    if (!p) {
      // an outer-scope value (a body reading its enclosing graph) may depend on anything
      if (!graph.initializers.has(v)) return true;
      continue;
    }
    for (const i of p.inputs) if (i) stack.push(i);
  }
  return false;
}
