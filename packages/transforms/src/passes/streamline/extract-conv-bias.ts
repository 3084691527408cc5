import { definePass } from '../../pass';
import { NameSource } from '../../graph/names';
import { addConstant, constantOf, f32Tensor, forEachGraphTidy, op, rankOf, refreshTypes, valuesOf } from '../../graph/graph-tools';

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
    const names = new NameSource(model);
    const n = forEachGraphTidy(model, (g) => {
      let c = 0;
      for (const node of [...g.nodes]) {
        if (node.opType !== 'Conv' || node.domain !== '' || !node.inputs[2]) continue;
        const b = constantOf(g, node.inputs[2]);
        const rank = rankOf(g, node.outputs[0]);
        if (!b || rank === undefined) {
          ctx.note(`Conv ${node.label}: the bias is not a constant or the output rank is unknown; left as is`);
          continue;
        }
        const y = node.outputs[0];
        const raw = names.fresh(`${y}_nobias`);
        node.inputs.length = 2;
        node.outputs[0] = raw;
        const bName = addConstant(g, names, `${y}_bias`, f32Tensor([b.size, ...new Array<number>(rank - 2).fill(1)], valuesOf(b)));
        g.nodes.splice(g.nodes.indexOf(node) + 1, 0, op('Add', [raw, bName], [y], names.fresh(`${node.name || y}_bias`)));
        c++;
      }
      return c;
    });
    if (n) ctx.note(`${n} Conv bias(es) extracted`);
    return { changed: n > 0 };
  },
});
