import { forEachGraph, type Graph, type Model, Node, normalizeDomain, OpLookup, type Registry, type Tensor } from '@scanflow/ir';

/** A node whose meaning would change at the new opset, and why. */
export interface UpgradeRefusal {
  node: Node;
  reason: string;
}

class Refused extends Error {}

/** Adds `t` under `base`, or `base_1`, `base_2` ... when an initializer or input already has the name. */
function addConstant(graph: Graph, base: string, t: Tensor): string {
  let name = base;
  for (let k = 1; graph.initializers.has(name) || graph.inputs.some((i) => i.name === name); k++) name = `${base}_${k}`;
  graph.initializers.set(name, t);
  return name;
}

/**
 * Raises the ONNX-domain opset of `model` to `target`: every ONNX-domain node (in every graph) goes
 * through the `upgrade` hooks (version adapters) of its op's schemas newer than the model's opset and
 * not newer than `target`, oldest first, and the opset imports say `target`. A hook that refuses
 * (the node's meaning would change) is collected; with any refusal nothing is changed and the
 * refusals are returned. Returns the number of nodes rewritten otherwise.
 */
export function upgradeOpset(model: Model, registry: Registry, target: number): { rewritten: number; refused: UpgradeRefusal[] } {
  const from = model.opsetVersion('');
  const ops = new OpLookup(registry, model);
  const refused: UpgradeRefusal[] = [];
  let rewritten = 0;
  const upgrade = (graph: Graph, node: Node): Node[] | undefined => {
    if (normalizeDomain(node.domain) !== '') return undefined;
    for (const schema of ops.versions('', node.opType)) {
      const since = schema.since ?? 1;
      if (since <= from || since > target || !schema.upgrade) continue;
      const replaced = schema.upgrade({
        node,
        graph,
        from,
        constant: (base, t) => addConstant(graph, base, t),
        changed: () => void rewritten++,
        fail: (reason) => {
          throw new Refused(reason);
        },
      });
      if (replaced) return replaced;
    }
    return undefined;
  };
  // Refusals first, on a dry run over every node (nothing is changed when any node refuses).
  forEachGraph(model.graph, (g) => {
    for (const node of g.nodes) {
      if (normalizeDomain(node.domain) !== '') continue;
      for (const schema of ops.versions('', node.opType)) {
        const since = schema.since ?? 1;
        if (since <= from || since > target || !schema.upgrade) continue;
        const copy = new Node({ opType: node.opType, domain: node.domain, name: node.name, inputs: node.inputs, outputs: node.outputs, attributes: node.attributes });
        try {
          schema.upgrade({ node: copy, graph: g, from, constant: () => '', changed: () => undefined, fail: (reason) => { throw new Refused(reason); } });
        } catch (e) {
          if (!(e instanceof Refused)) throw e;
          refused.push({ node, reason: e.message });
          break;
        }
      }
    }
  });
  if (refused.length) return { rewritten: 0, refused };
  forEachGraph(model.graph, (g) => {
    g.nodes = g.nodes.flatMap((node) => upgrade(g, node) ?? [node]);
  });
  for (const key of [...model.opsetImports.keys()]) if (normalizeDomain(key) === '') model.opsetImports.delete(key);
  model.opsetImports.set('', target);
  if (model.rawOpsetImports) model.rawOpsetImports = model.rawOpsetImports.map(([d, v]) => (normalizeDomain(d) === '' ? [d, target] : [d, v]));
  return { rewritten, refused };
}
