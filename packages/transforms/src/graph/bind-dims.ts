import { cloneModel, inferTypes, type Model, type Registry } from '@scanflow/ir';

/** The names of the symbolic (or unnamed) dimensions of a model's runtime inputs ('?' for unnamed ones). */
export function symbolicDims(model: Model): string[] {
  const out = new Set<string>();
  for (const i of model.graph.runtimeInputs) {
    if (i.type?.kind !== 'tensor' || !i.type.shape) continue;
    for (const d of i.type.shape) if (typeof d !== 'number') out.add(d ?? '?');
  }
  return [...out];
}

/**
 * A copy of `model` whose runtime inputs have every symbolic dimension set to `size` (or the size
 * `sizes` names for it), with shapes inferred again: the model as it runs for one sequence length.
 */
export function bindSymbolicDims(model: Model, registry: Registry, size: number, sizes: ReadonlyMap<string, number> = new Map()): Model {
  const m = cloneModel(model);
  for (const i of m.graph.inputs) {
    if (i.type?.kind !== 'tensor' || !i.type.shape) continue;
    i.type = { ...i.type, shape: i.type.shape.map((d) => (typeof d === 'number' ? d : sizes.get(d ?? '?') ?? size)) };
  }
  // drop inferred shapes that still carry the symbol, then infer again
  const clear = (g: Model['graph']): void => {
    for (const [k, v] of g.valueInfo) if (v.type?.kind === 'tensor' && v.type.shape?.some((d) => typeof d !== 'number')) g.valueInfo.delete(k);
    for (const o of g.outputs) if (o.type?.kind === 'tensor' && o.type.shape?.some((d) => typeof d !== 'number')) o.type = { ...o.type, shape: undefined };
    for (const n of g.nodes) for (const a of n.attributes.values()) if (a.type === 'graph') clear(a.value);
  };
  clear(m.graph);
  inferTypes(m, registry);
  return m;
}
