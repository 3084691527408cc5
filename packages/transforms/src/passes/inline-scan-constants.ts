import { attrGraph, forEachGraph, type Graph, type Model, Node, normalizeDomain, outerScopeReferences, QONNX_DOMAIN } from '@scanflow/ir';
import { NameSource } from '../graph/names';
import { definePass } from '../pass';
import { constantOf } from '../graph/graph-tools';

/**
 * Gives every Scan body its own copy of the constants it reads from the enclosing graph: outer
 * initializers, and outer Quant nodes of constants (quantised weights the ONNX LSTM lowering sliced
 * outside the loop). The copies get fresh names inside the body, so nothing is shadowed; the outer
 * values stay for their other readers (clean-up removes them when none is left). A body that holds
 * its weights is what the streamlining (weights folded to integers next to their MatMul) and the
 * Recurrence layer (a body reads no outer values) need.
 */
function inlineInto(outer: Graph, body: Graph, names: NameSource): number {
  const renames = new Map<string, string>();
  for (const ref of outerScopeReferences(body)) {
    const c = constantOf(outer, ref);
    if (c) {
      const name = names.fresh(ref);
      body.initializers.set(name, c);
      const dt = outer.getDataType(ref);
      if (dt) body.setDataType(name, dt);
      renames.set(ref, name);
      continue;
    }
    const q = outer.nodes.find((n) => n.outputs[0] === ref);
    if (!q || normalizeDomain(q.domain) !== QONNX_DOMAIN || q.opType !== 'Quant') continue;
    const consts = q.inputs.map((i) => constantOf(outer, i));
    if (consts.some((t) => !t)) continue;
    const inputs = q.inputs.map((i, k) => {
      const name = names.fresh(i);
      body.initializers.set(name, consts[k]!);
      return name;
    });
    const out = names.fresh(ref);
    body.nodes.unshift(new Node({ opType: q.opType, domain: q.domain, name: names.fresh(q.name || `${out}_quant`), inputs, outputs: [out], attributes: q.attributes }));
    renames.set(ref, out);
  }
  if (!renames.size) return 0;
  // nested subgraphs keep reading the outer values (which stay while anything reads them)
  for (const n of body.nodes) n.inputs = n.inputs.map((i) => (i && renames.has(i) ? renames.get(i)! : i));
  for (const o of body.outputs) if (renames.has(o.name)) o.name = renames.get(o.name)!;
  return renames.size;
}

export default definePass({
  name: 'inline-scan-constants',
  description: 'copy the constants (and Quant nodes of constants) a Scan body reads from outside into the body',
  stage: 'qonnx',
  placement: { stage: 'qonnx', after: ['push-quant-through-data-movement'] },
  run(model: Model, ctx) {
    const names = new NameSource(model);
    let n = 0;
    forEachGraph(model.graph, (g) => {
      for (const node of g.nodes) {
        if (normalizeDomain(node.domain) !== '' || node.opType !== 'Scan') continue;
        n += inlineInto(g, attrGraph(node, 'body'), names);
      }
    });
    if (n) ctx.note(`${n} outer constant(s) copied into Scan bodies`);
    return { changed: n > 0 };
  },
});
