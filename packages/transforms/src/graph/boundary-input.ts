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
