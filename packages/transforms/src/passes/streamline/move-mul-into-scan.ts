import { attrGraph, attrInt, type Graph, type Model, type Node, OpLookup, smallestIntTypeForRange } from '@scanflow/ir';
import { NameSource } from '../../graph/names';
import { definePass, type PassContext } from '../../pass';
import { addConstant, forEachGraphTidy, op, readOnlyBy, refreshTypes, scaleMul, tidyAll, usesOf } from '../../graph/graph-tools';
import { analyseGraph } from './ranges';

/**
 * A per-tensor scale on a Scan's scan input moves into the body: Scan(..., X·s) slices X·s, which is
 * (slice of X)·s, so the Scan reads X and the body multiplies its slice by s — where the streamlining
 * passes absorb it (e.g. into the body's input quantiser). The body input is annotated with X's
 * integer datatype when X is integer-valued.
 */
function moveInto(ops: OpLookup, graph: Graph, scan: Node, names: NameSource, ctx: PassContext): number {
  const body = attrGraph(scan, 'body');
  const m = attrInt(scan, 'num_scan_inputs');
  const n = scan.inputs.length - m;
  let count = 0;
  for (let j = n; j < scan.inputs.length; j++) {
    const x = scan.inputs[j];
    const uses = usesOf(graph);
    const mul = uses.producer.get(x);
    const s = scaleMul(graph, mul);
    if (!mul || !s || s.scale.size !== 1 || !readOnlyBy(graph, uses, x, scan)) continue;
    const inName = body.inputs[j].name;
    const raw = names.fresh(`${inName}_unscaled`);
    body.inputs[j] = { ...body.inputs[j], name: raw };
    const range = analyseGraph(ops, graph, new Map()).get(s.input);
    if (range) body.setDataType(raw, smallestIntTypeForRange(range.lo, range.hi));
    const sName = addConstant(body, names, `${inName}_scale`, s.scale.clone());
    body.nodes.unshift(op('Mul', [raw, sName], [inName], names.fresh(`${inName}_scale`)));
    scan.inputs[j] = s.input;
    graph.nodes.splice(graph.nodes.indexOf(mul), 1);
    ctx.note(`Scan ${scan.label}: the scale of scan input ${j - n} moved into the body`);
    count++;
  }
  return count;
}

export default definePass({
  name: 'move-mul-into-scan',
  description: "move a per-tensor scale Mul on a Scan's scan input into the body",
  stage: 'streamlined',
  fixpoint: { of: 'streamline' },
  run(model, ctx) {
    const names = new NameSource(model);
    const ops = new OpLookup(ctx.registry, model);
    const n = forEachGraphTidy(model, (g) => {
      let c = 0;
      for (const node of [...g.nodes]) if (node.opType === 'Scan' && node.domain === '' && model.opsetVersion('') >= 9) c += moveInto(ops, g, node, names, ctx);
      return c;
    });
    if (n) {
      tidyAll(model);
      refreshTypes(model, ctx);
    }
    return { changed: n > 0 };
  },
});
