import { attr, attrFloat, forEachGraph, type Graph, type Node, OpLookup } from '@scanflow/ir';
import { NameSource } from '../../graph/names';
import { definePass } from '../../pass';
import { addConstant, constantOf, f32Tensor, pruneDead, valuesOf } from '../../graph/graph-tools';
import { float32AtLeast } from './float32';
import { isMultiThreshold } from './absorb';
import { analyseModel, type Interval } from './ranges';

/**
 * RoundAndClipThresholds. For a MultiThreshold whose input is integer-valued in [lo, hi]:
 * x >= t ⟺ x >= ceil(t) for integer x, and thresholds <= lo always fire while those > hi never do,
 * so T := clip(ceil(T), lo, hi + 1). Columns that fire for every channel are then dropped into
 * out_bias (+ out_scale each), columns that never fire are dropped. For a float32 input each
 * threshold is rounded up to a float32 (x >= t ⟺ x >= the smallest float32 >= t). Exact in every case.
 */
function roundOne(graph: Graph, mt: Node, range: Interval | undefined, names: NameSource): boolean {
  const t = constantOf(graph, mt.inputs[1]);
  if (!t || t.rank !== 2) return false;
  const [rows, steps] = t.dims;
  const v = valuesOf(t);
  const r = range ? v.map((x) => Math.min(range.hi + 1, Math.max(range.lo, Math.ceil(x)))) : v.map(float32AtLeast);
  let first = 0;
  let last = steps;
  let bias = attrFloat(mt, 'out_bias', 0);
  const scale = attrFloat(mt, 'out_scale', 1);
  if (range) {
    const col = (j: number) => Array.from({ length: rows }, (_, c) => r[c * steps + j]);
    while (first < last && col(first).every((x) => x <= range.lo)) {
      first++;
      bias += scale;
    }
    while (last > first && col(last - 1).every((x) => x > range.hi)) last--;
  }
  const kept: number[] = [];
  for (let c = 0; c < rows; c++) kept.push(...r.slice(c * steps + first, c * steps + last));
  const same = kept.length === v.length && kept.every((x, i) => Object.is(x, v[i]));
  if (same) return false;
  mt.inputs[1] = addConstant(graph, names, `${mt.outputs[0]}_thresholds`, f32Tensor([rows, last - first], kept));
  if (bias !== attrFloat(mt, 'out_bias', 0)) mt.attributes.set('out_bias', attr.float(bias));
  return true;
}

export default definePass({
  name: 'round-thresholds',
  description: 'round MultiThreshold thresholds up onto the integer grid of an integer input and clip them to its range (dropping always/never-firing columns); round up to float32 otherwise',
  stage: 'streamlined',
  placement: { stage: 'streamlined', after: ['streamline'] },
  run(model, ctx) {
    const names = new NameSource(model);
    const ranges = analyseModel(new OpLookup(ctx.registry, model));
    let n = 0;
    forEachGraph(model.graph, (g) => {
      for (const node of g.nodes) if (isMultiThreshold(node) && roundOne(g, node, ranges.get(g)?.get(node.inputs[0]), names)) n++;
      pruneDead(g);
    });
    if (n) ctx.note(`rounded / clipped the thresholds of ${n} MultiThreshold(s)`);
    return { changed: n > 0 };
  },
});
