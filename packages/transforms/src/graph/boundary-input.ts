import { buildUseDef, type Graph, normalizeDomain } from '@scanflow/ir';

/** Ops that only move elements (every output element is one input element, unchanged). */
const MOVES = new Set(['Identity', 'Reshape', 'Transpose', 'Squeeze', 'Unsqueeze', 'Gather', 'Slice', 'Flatten', 'Expand', 'Concat']);

/**
 * The graph input whose elements `value` is made of, when `value` is that input moved around by
 * element-moving ops only (so an element-wise projection of the input is a projection of `value`).
 * Concat qualifies when all its dynamic operands come from the same input. Undefined otherwise.
 */
export function boundaryInput(graph: Graph, value: string): string | undefined {
  const { producer } = buildUseDef(graph);
  const inputs = new Set(graph.inputs.filter((i) => !graph.initializers.has(i.name)).map((i) => i.name));
  const walk = (v: string, depth: number): string | undefined => {
    if (inputs.has(v)) return v;
    const p = producer.get(v);
    if (!p || depth > 64 || normalizeDomain(p.domain) !== '' || !MOVES.has(p.opType)) return undefined;
    const data = p.opType === 'Concat' ? p.inputs.filter((i) => i && !graph.initializers.has(i)) : [p.inputs[0]!];
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
