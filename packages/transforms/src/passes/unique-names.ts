import { forEachGraph, type Graph, type Model } from '@scanflow/ir';
import { definePass } from '../pass';
import { renameValues } from '../graph/replace-uses';

/** A C-identifier-safe form of a name: letters, digits and underscores, not starting with a digit. */
export function sanitizeName(name: string): string {
  let s = name.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z_]/.test(s)) s = `v_${s}`;
  return s;
}

function allValueNames(g: Graph): string[] {
  const names: string[] = [];
  const inputs = new Set<string>();
  for (const i of g.inputs) {
    names.push(i.name);
    inputs.add(i.name);
  }
  for (const k of g.initializers.keys()) if (!inputs.has(k)) names.push(k);
  for (const n of g.nodes) for (const o of n.outputs) if (o) names.push(o);
  return names;
}

/**
 * Gives every node a unique, sanitised name, and every value a sanitised name unique in the whole
 * model (subgraphs included). The main graph's input and output names are the model's interface
 * and are kept as they are.
 */
export function uniqueNames(model: Model): number {
  let changes = 0;
  const taken = new Set<string>();
  // Per base name, the suffix to try next: every smaller one is taken (names are never released),
  // so this finds the same name as probing from 1, without probing many thousands of times.
  const nextSuffix = new Map<string, number>();
  const claim = (base: string): string => {
    let name = base;
    let k = nextSuffix.get(base) ?? 1;
    if (taken.has(name)) for (name = `${base}_${k}`; taken.has(name); ) name = `${base}_${++k}`;
    if (name !== base) nextSuffix.set(base, k + 1);
    taken.add(name);
    return name;
  };
  const main = model.graph;
  const interfaceNames = new Set([...main.inputs.map((i) => i.name), ...main.outputs.map((o) => o.name)]);
  for (const n of interfaceNames) taken.add(n);
  forEachGraph(main, (g) => {
    const renames = new Map<string, string>();
    for (const name of allValueNames(g)) {
      if (g === main && interfaceNames.has(name)) continue;
      const next = claim(sanitizeName(name));
      if (next !== name) {
        renames.set(name, next);
        changes++;
      }
    }
    renameValues(g, renames);
  });
  const nodeNames = new Set<string>();
  const nextNodeSuffix = new Map<string, number>();
  forEachGraph(main, (g) => {
    g.nodes.forEach((n, k) => {
      let base = sanitizeName(n.name || `${n.opType}_${k}`);
      let name = base;
      if (nodeNames.has(name)) {
        let j = nextNodeSuffix.get(base) ?? 1;
        for (name = `${base}_${j}`; nodeNames.has(name); ) name = `${base}_${++j}`;
        nextNodeSuffix.set(base, j + 1);
      }
      nodeNames.add(name);
      if (name !== n.name) {
        n.name = name;
        changes++;
      }
      base = name;
    });
  });
  return changes;
}

export default definePass({
  name: 'unique-names',
  description: 'give nodes and values unique, sanitised (C identifier) names; keeps the model interface names',
  stage: 'import',
  run(model, ctx) {
    const n = uniqueNames(model);
    if (n) ctx.note(`renamed ${n} node(s) / value(s)`);
    return { changed: n > 0 };
  },
});
