import { attrFloat, forEachGraph, multiThresholdDataType, normalizeDomain, QONNX_DOMAIN } from '@scanflow/ir';
import { definePass } from '../pass';

/**
 * FINN's streamlining writes MultiThresholds whose `out_dtype` (and the output's datatype
 * annotation) says INT8 while, without `out_bias`, the node outputs the counts 0..255 — a later Add
 * shifts them. qonnx executes that as written; only the annotation is wrong. This pass keeps the
 * node and re-annotates every MultiThreshold output whose annotation cannot hold what the node
 * outputs ([out_bias, out_bias + out_scale · S] for S thresholds) with the type that can.
 */
export default definePass({
  name: 'annotate-multithreshold-outputs',
  description: "correct MultiThreshold output annotations that cannot hold the node's outputs (FINN's out_dtype without out_bias)",
  stage: 'import',
  placement: { stage: 'import', order: 'pre', after: ['freeze-initializer-inputs'] },
  run(model, ctx) {
    let n = 0;
    forEachGraph(model.graph, (g) => {
      for (const node of g.nodes) {
        if (normalizeDomain(node.domain) !== QONNX_DOMAIN || node.opType !== 'MultiThreshold') continue;
        const y = node.outputs[0];
        const t = g.initializers.get(node.inputs[1] ?? '');
        const have = y ? g.getDataType(y) : undefined;
        if (!y || !have || !t || t.rank !== 2) continue;
        const scale = attrFloat(node, 'out_scale', 1);
        const bias = attrFloat(node, 'out_bias', 0);
        const steps = t.dims[1]!;
        const lo = Math.min(bias, bias + scale * steps);
        const hi = Math.max(bias, bias + scale * steps);
        if (have.allowed(lo) && have.allowed(hi)) continue;
        const [right] = multiThresholdDataType({
          node,
          opset: model.opsetVersion(node.domain),
          graph: g,
          dataType: () => have,
          constant: (i) => g.initializers.get(node.inputs[i] ?? ''),
        });
        if (!right || (right.allowed(lo) && right.allowed(hi)) === false) continue;
        g.setDataType(y, right);
        ctx.note(`MultiThreshold ${node.label}: output '${y}' was annotated ${have.name} but takes values ${lo}..${hi}; annotated ${right.name}`);
        n++;
      }
    });
    return { changed: n > 0 };
  },
});
