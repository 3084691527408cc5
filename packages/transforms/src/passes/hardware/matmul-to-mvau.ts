import { DataType, type Graph, type Node, smallestIntTypeForRange } from '@scanflow/ir';
import { definePass } from '../../pass';
import { refreshTypes } from '../streamline/graph-tools';
import { constantOf, f32Tensor, type Names, valuesOf } from '../streamline/graph-tools';
import { rewriteAll } from '../streamline/rewrite';
import { addReshape, hwNode, setShape, staticShape, ensureHwOpset } from './hw-tools';

/** The accumulator type: the annotated output type when integer, else the worst-case range of W·x. */
export function accumulatorType(graph: Graph, out: string, w: number[], rows: number, cols: number, x: DataType): DataType {
  const annotated = graph.getDataType(out);
  if (annotated?.isInteger) return annotated;
  let lo = 0;
  let hi = 0;
  for (let r = 0; r < rows; r++) {
    let a = 0;
    let b = 0;
    for (let c = 0; c < cols; c++) {
      const v = w[r * cols + c];
      a += Math.min(v * x.min, v * x.max);
      b += Math.max(v * x.min, v * x.max);
    }
    lo = Math.min(lo, a);
    hi = Math.max(hi, b);
  }
  return smallestIntTypeForRange(lo, hi);
}

/** Whether a constant's values and annotation make it an integer weight matrix. */
function integerWeights(graph: Graph, name: string): number[] | undefined {
  const t = constantOf(graph, name);
  const dt = graph.getDataType(name);
  if (!t || t.rank !== 2 || !dt?.isInteger) return undefined;
  const v = valuesOf(t);
  return v.every((x) => Number.isInteger(x) && dt.allowed(x)) ? v : undefined;
}

/**
 * MatMul with an integer weight matrix and an integer input → MVAU. Two forms: the streamlined
 * column form `MatMul(W [MH, MW], x [..., MW, 1])`, and the row form `MatMul(x [..., MW], B [MW, MH])`
 * (W = Bᵀ). The input is viewed channel-last by a Reshape; the output gets its original shape back.
 */
export function matmulToMvau(graph: Graph, names: Names, node: Node): boolean {
  if (node.opType !== 'MatMul' || node.domain !== '') return false;
  const [a, b] = node.inputs;
  const y = node.outputs[0];
  const wa = integerWeights(graph, a);
  const wb = wa ? undefined : integerWeights(graph, b);
  const x = wa ? b : a;
  const xt = graph.getDataType(x);
  const xs = staticShape(graph, x);
  const ys = staticShape(graph, y);
  if ((!wa && !wb) || !xt?.isInteger || !xs || !ys) return false;
  let mh: number;
  let mw: number;
  let weights: number[];
  let input = x;
  let viewOut: number[];
  if (wa) {
    [mh, mw] = constantOf(graph, a)!.dims as [number, number];
    if (xs.length < 2 || xs[xs.length - 1] !== 1 || xs[xs.length - 2] !== mw) return false;
    weights = wa;
    input = addReshape(graph, names, x, xs.slice(0, -1));
    viewOut = [...xs.slice(0, -2), mh];
  } else {
    [mw, mh] = constantOf(graph, b)!.dims as [number, number];
    if (xs.length < 1 || xs[xs.length - 1] !== mw) return false;
    weights = new Array<number>(mh * mw);
    for (let r = 0; r < mh; r++) for (let c = 0; c < mw; c++) weights[r * mw + c] = wb![c * mh + r];
    viewOut = [...xs.slice(0, -1), mh];
  }
  const acc = accumulatorType(graph, y, weights, mh, mw, xt);
  const wName = names.fresh(`${node.name || y}_weights`);
  graph.initializers.set(wName, f32Tensor([mh, mw], weights));
  graph.setDataType(wName, graph.getDataType(wa ? a : b));
  const direct = viewOut.join() === ys.join();
  const out = direct ? y : names.fresh(`${y}_mvau`);
  graph.nodes.push(hwNode('MVAU', [input, wName], [out], names.fresh(`${node.name || y}_mvau`), {
    mw: { type: 'int', value: BigInt(mw) },
    mh: { type: 'int', value: BigInt(mh) },
    pe: { type: 'int', value: 1n },
    simd: { type: 'int', value: 1n },
    acc_dtype: { type: 'string', value: acc.name },
  }));
  graph.setDataType(out, acc);
  if (!direct) {
    setShape(graph, out, viewOut);
    addReshape(graph, names, out, ys, y);
  }
  graph.setDataType(y, acc);
  graph.nodes.splice(graph.nodes.indexOf(node), 1);
  return true;
}

export default definePass({
  name: 'matmul-to-mvau',
  description: 'MatMul with integer weights and an integer input → MVAU (channel-last view by Reshape)',
  stage: 'hardware',
  run(model, ctx) {
    refreshTypes(model, ctx);
    const n = rewriteAll(model, ctx, (r, node) => matmulToMvau(r.graph, r.names, node));
    if (n) ensureHwOpset(model);
    if (n) ctx.note(`${n} MatMul(s) → MVAU`);
    return { changed: n > 0 };
  },
});
