import { definePass } from '../../pass';
import { addConstant, constantOf, f32Tensor, op, rankOf, refreshTypes, valuesOf } from '../../graph/graph-tools';
import { visitAll } from '../../graph/rewrite-driver';

/**
 * ExtractBiasFromConv: Conv(x, W, B) → Add(Conv(x, W), B as [C, 1, ..., 1]), so that scales can move
 * past the Conv and the bias can be absorbed into a following MultiThreshold.
 */
export default definePass({
  name: 'extract-conv-bias',
  description: 'split a constant Conv bias into an Add after the Conv',
  stage: 'streamlined',
  placement: { stage: 'streamlined' },
  run(model, ctx) {
    refreshTypes(model, ctx);
    // each Conv once, on the rewrite driver (the Add is inserted through its editor)
    const n = visitAll(model, ctx, (r, node) => {
      const g = r.graph;
      if (node.opType !== 'Conv' || node.domain !== '' || !node.inputs[2]) return false;
      const b = constantOf(g, node.inputs[2]);
      const rank = rankOf(g, node.outputs[0]);
      if (!b || rank === undefined) {
        ctx.note(`Conv ${node.label}: the bias is not a constant or the output rank is unknown; left as is`);
        return false;
      }
      const y = node.outputs[0];
      const raw = r.names.fresh(`${y}_nobias`);
      r.setInputs(node, node.inputs.slice(0, 2));
      r.setOutput(node, 0, raw);
      const bName = addConstant(g, r.names, `${y}_bias`, f32Tensor([b.size, ...new Array<number>(rank - 2).fill(1)], valuesOf(b)));
      r.insertAfter(node, op('Add', [raw, bName], [y], r.names.fresh(`${node.name || y}_bias`)));
      return true;
    });
    if (n) ctx.note(`${n} Conv bias(es) extracted`);
    return { changed: n > 0 };
  },
});
