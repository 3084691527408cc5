import { DataType, type Graph, type Node, smallestIntTypeForRange } from '@scanflow/ir';
import { NameSource } from '../../graph/names';
import { constantOf, f32Tensor, valuesOf } from '../../graph/graph-tools';
import { type RewriteContext, rewritePass } from '../../graph/rewrite-driver';
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

/**
 * Adds an MVAU (PE = SIMD = 1) reading `input` with integer weights W [MH, MW] (row-major, annotated
 * `weightType`), accumulating in the type `accumulatorType` gives for `y`; its output is `out`.
 */
export function addMvau(r: RewriteContext, base: string, input: string, weights: number[], mh: number, mw: number, weightType: DataType | undefined, y: string, out: string): DataType {
  const { graph, names } = r;
  const acc = accumulatorType(graph, y, weights, mh, mw, graph.getDataType(input)!);
  const wName = names.fresh(`${base}_weights`);
  graph.initializers.set(wName, f32Tensor([mh, mw], weights));
  graph.setDataType(wName, weightType);
  r.append(hwNode('MVAU', [input, wName], [out], names.fresh(`${base}_mvau`), {
    mw: { type: 'int', value: BigInt(mw) },
    mh: { type: 'int', value: BigInt(mh) },
    pe: { type: 'int', value: 1n },
    simd: { type: 'int', value: 1n },
    acc_dtype: { type: 'string', value: acc.name },
  }));
  graph.setDataType(out, acc);
  graph.setDataType(y, acc);
  return acc;
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
export function matmulToMvau(r: RewriteContext, node: Node): boolean {
  const { graph, names } = r;
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
    input = addReshape(r, x, xs.slice(0, -1));
    viewOut = [...xs.slice(0, -2), mh];
  } else {
    [mw, mh] = constantOf(graph, b)!.dims as [number, number];
    if (xs.length < 1 || xs[xs.length - 1] !== mw) return false;
    weights = new Array<number>(mh * mw);
    for (let r = 0; r < mh; r++) for (let c = 0; c < mw; c++) weights[r * mw + c] = wb![c * mh + r];
    viewOut = [...xs.slice(0, -1), mh];
  }
  const direct = viewOut.join() === ys.join();
  const out = direct ? y : names.fresh(`${y}_mvau`);
  addMvau(r, node.name || y, input, weights, mh, mw, graph.getDataType(wa ? a : b), y, out);
  if (!direct) {
    setShape(graph, out, viewOut);
    addReshape(r, out, ys, y);
  }
  r.remove(node);
  return true;
}

export default rewritePass({
  name: 'matmul-to-mvau',
  description: 'MatMul with integer weights and an integer input → MVAU (channel-last view by Reshape)',
  stage: 'hardware',
  what: 'MatMul(s) → MVAU',
  rewriter: matmulToMvau,
  finish: (model, _ctx, n) => {
    if (n) ensureHwOpset(model);
  },
});
