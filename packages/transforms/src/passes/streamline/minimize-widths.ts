import { forEachGraph, OpLookup, parseDataType, smallestIntTypeForRange } from '@scanflow/ir';
import { definePass } from '../../pass';
import { isMultiThreshold } from './absorb';
import { constantOf, valuesOf } from '../../graph/graph-tools';
import { analyseModel } from './ranges';

/**
 * MinimizeAccumulatorWidth / threshold widths: from the integer range analysis (MatMul and Conv
 * accumulators from their actual integer weights and input ranges, element-wise Add / Mul from
 * interval arithmetic, MultiThreshold outputs from out_bias and the number of thresholds, Scan states
 * to their fixpoint), every integer-valued value is annotated with the smallest INT / UINT holding its
 * range, MultiThreshold out_dtype is set to that type, and each threshold table is annotated with the
 * smallest type holding its values. Run after infer-datatypes, whose MAC rule says INT32 everywhere.
 */
export default definePass({
  name: 'minimize-widths',
  description: 'annotate integer values with the smallest datatype holding their range (accumulators, states, MultiThreshold outputs and thresholds)',
  stage: 'streamlined',
  placement: { stage: 'streamlined', order: 'post', after: ['infer-datatypes'] },
  run(model, ctx) {
    const all = analyseModel(new OpLookup(ctx.registry, model));
    let n = 0;
    forEachGraph(model.graph, (g) => {
      const ranges = all.get(g);
      if (!ranges) return;
      const names = [...g.inputs.map((i) => i.name), ...g.nodes.flatMap((x) => x.outputs)];
      for (const name of names) {
        const r = name ? ranges.get(name) : undefined;
        if (!r || constantOf(g, name)) continue;
        const dt = smallestIntTypeForRange(r.lo, r.hi);
        if (g.getDataType(name)?.name !== dt.name) {
          g.setDataType(name, dt);
          n++;
        }
      }
      for (const node of g.nodes) {
        if (!isMultiThreshold(node)) continue;
        const dt = g.getDataType(node.outputs[0]);
        if (dt?.isInteger && parseDataType(String(node.attributes.get('out_dtype')?.value ?? '')).name !== dt.name) {
          node.attributes.set('out_dtype', { type: 'string', value: dt.name });
          n++;
        }
        const t = constantOf(g, node.inputs[1]);
        const v = t ? valuesOf(t) : [];
        if (t && v.length && v.every((x) => Number.isInteger(x))) {
          const tt = smallestIntTypeForRange(Math.min(...v), Math.max(...v));
          if (g.getDataType(node.inputs[1])?.name !== tt.name) {
            g.setDataType(node.inputs[1], tt);
            n++;
          }
        }
      }
    });
    if (n) ctx.note(`${n} datatype annotation(s) narrowed`);
    return { changed: n > 0 };
  },
});
