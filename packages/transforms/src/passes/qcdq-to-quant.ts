import {
  buildUseDef,
  forEachGraph,
  type Graph,
  inferTypes,
  isIntegerElemType,
  isSignedIntegerElemType,
  attrInt,
  type Model,
  Node,
  QONNX_DOMAIN,
  Tensor,
  toNumbers,
  elemTypeBits,
} from '@scanflow/ir';
import { rankOf, reshapeAlongAxis } from '../graph/graph-tools';
import { definePass, type PassContext } from '../pass';

/** The integer grid a QCDQ chain quantises to. */
interface Grid {
  bits: number;
  signed: boolean;
  narrow: boolean;
}

/** Bit width, signedness and narrowness of the range [lo, hi], if it is one a Quant can express. */
export function gridOfRange(lo: number, hi: number): Grid | undefined {
  if (lo === 0 && hi >= 1) {
    const b = Math.log2(hi + 1);
    if (Number.isInteger(b)) return { bits: b, signed: false, narrow: false };
    const bn = Math.log2(hi + 2);
    if (Number.isInteger(bn) && bn >= 2) return { bits: bn, signed: false, narrow: true };
    return undefined;
  }
  if (lo < 0 && hi >= 0) {
    const b = Math.log2(hi + 1) + 1;
    if (!Number.isInteger(b)) return undefined;
    if (lo === -(2 ** (b - 1))) return { bits: b, signed: true, narrow: false };
    if (lo === -(2 ** (b - 1)) + 1 && b >= 2) return { bits: b, signed: true, narrow: true };
  }
  return undefined;
}

function scalarValue(t: Tensor | undefined): number | undefined {
  if (!t || t.size !== 1) return undefined;
  return toNumbers(t)[0];
}

function sameTensor(a: Tensor | undefined, b: Tensor | undefined): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  if (a.elemType !== b.elemType || a.dims.join() !== b.dims.join()) return false;
  const x = a.data as ArrayLike<unknown>;
  const y = b.data as ArrayLike<unknown>;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function float32Of(t: Tensor): Tensor {
  return new Tensor('float32', t.dims, Float32Array.from(toNumbers(t)));
}

interface Rewrite {
  remove: Node[];
  input: string;
  output: string;
  scale: Tensor;
  zeroPoint: Tensor;
  grid: Grid;
  /** The first node of the chain, where the Quant goes. */
  at: Node;
}

function convertGraph(graph: Graph, ctx: PassContext): number {
  const init = (n: string | undefined): Tensor | undefined => (n ? graph.initializers.get(n) : undefined);
  const { producer, consumers } = buildUseDef(graph);
  const outputs = new Set(graph.outputs.map((o) => o.name));
  const single = (v: string, reader: Node): boolean => !outputs.has(v) && (consumers.get(v) ?? []).length === 1 && consumers.get(v)![0] === reader;
  const rewrites: Rewrite[] = [];
  const weights: { dq: Node; w: Tensor; scale: Tensor; zp: Tensor | undefined }[] = [];

  for (const dq of graph.nodes) {
    if (dq.opType !== 'DequantizeLinear' || dq.domain !== '') continue;
    const where = `node ${dq.label}`;
    const scale = init(dq.inputs[1]);
    const zp = init(dq.inputs[2]);
    if (!scale) {
      ctx.note(`${where}: scale is not a constant; left as is`);
      continue;
    }
    let src = producer.get(dq.inputs[0]);
    let clip: Node | undefined;
    if (src?.opType === 'Clip' && single(dq.inputs[0], dq)) {
      clip = src;
      src = producer.get(clip.inputs[0]);
      if (!src || !single(clip.inputs[0], clip)) src = undefined;
    } else if (src && !single(dq.inputs[0], dq)) src = undefined;

    if (!src || src.opType !== 'QuantizeLinear') {
      const w = init(dq.inputs[0]);
      if (!clip && w && isIntegerElemType(w.elemType)) weights.push({ dq, w, scale, zp });
      else if (!clip) ctx.note(`${where}: input is neither a QuantizeLinear nor a constant integer tensor; left as is`);
      continue;
    }
    const ql = src;
    if (!sameTensor(init(ql.inputs[1]), scale)) {
      ctx.note(`${where}: QuantizeLinear and DequantizeLinear scales differ; left as is`);
      continue;
    }
    const qzp = init(ql.inputs[2]);
    if (Boolean(qzp) !== Boolean(zp) || (qzp && !sameTensor(qzp, zp))) {
      ctx.note(`${where}: QuantizeLinear and DequantizeLinear zero points differ; left as is`);
      continue;
    }
    if (ql.attributes.has('output_dtype') || ql.attributes.has('block_size') || dq.attributes.has('block_size')) {
      ctx.note(`${where}: output_dtype / block_size are not converted; left as is`);
      continue;
    }
    const qType = zp?.elemType ?? 'uint8';
    if (!isIntegerElemType(qType)) {
      ctx.note(`${where}: zero point type ${qType} is not an integer type; left as is`);
      continue;
    }
    const bitsOfType = elemTypeBits(qType);
    let lo = isSignedIntegerElemType(qType) ? -(2 ** (bitsOfType - 1)) : 0;
    let hi = isSignedIntegerElemType(qType) ? 2 ** (bitsOfType - 1) - 1 : 2 ** bitsOfType - 1;
    if (clip) {
      const cmin = clip.inputs[1] ? scalarValue(init(clip.inputs[1])) : undefined;
      const cmax = clip.inputs[2] ? scalarValue(init(clip.inputs[2])) : undefined;
      const amin = clip.attributes.has('min') ? (clip.attributes.get('min')!.value as number) : undefined;
      const amax = clip.attributes.has('max') ? (clip.attributes.get('max')!.value as number) : undefined;
      if ((clip.inputs[1] && cmin === undefined) || (clip.inputs[2] && cmax === undefined)) {
        ctx.note(`${where}: Clip bounds are not constants; left as is`);
        continue;
      }
      lo = Math.max(lo, Math.ceil(cmin ?? amin ?? lo));
      hi = Math.min(hi, Math.floor(cmax ?? amax ?? hi));
    }
    const grid = gridOfRange(lo, hi);
    if (!grid) {
      ctx.note(`${where}: integer range [${lo}, ${hi}] is not a Quant range; left as is`);
      continue;
    }
    const axis = scale.rank === 1 && scale.size > 1 ? attrInt(ql, 'axis', 1) : undefined;
    let s = float32Of(scale);
    let z = zp ? float32Of(zp) : Tensor.zeros('float32', scale.dims);
    if (axis !== undefined) {
      const rank = rankOf(graph, ql.inputs[0]);
      if (rank === undefined) {
        ctx.note(`${where}: per-axis parameters on a value of unknown rank; left as is`);
        continue;
      }
      s = reshapeAlongAxis(s, axis, rank);
      z = reshapeAlongAxis(z, axis, rank);
    }
    rewrites.push({ remove: [ql, ...(clip ? [clip] : []), dq], input: ql.inputs[0], output: dq.outputs[0], scale: s, zeroPoint: z, grid, at: ql });
  }

  // Node edits are collected and applied in one pass over the node list (linear, whatever their number).
  const insertBefore = new Map<Node, Node>();
  const replaceBy = new Map<Node, Node>();
  const removed = new Set<Node>();
  for (const r of rewrites) {
    const base = r.output;
    const names = ['scale', 'zeropt', 'bitwidth'].map((k) => {
      let n = `${base}_${k}`;
      for (let i = 1; graph.initializers.has(n); i++) n = `${base}_${k}_${i}`;
      return n;
    });
    graph.initializers.set(names[0], r.scale);
    graph.initializers.set(names[1], r.zeroPoint);
    graph.initializers.set(names[2], Tensor.scalar('float32', r.grid.bits));
    const quant = new Node({
      opType: 'Quant',
      domain: QONNX_DOMAIN,
      name: `${r.at.name || base}_quant`,
      inputs: [r.input, ...names],
      outputs: [r.output],
      attributes: { signed: r.grid.signed ? 1 : 0, narrow: r.grid.narrow ? 1 : 0, rounding_mode: 'ROUND' },
    });
    insertBefore.set(r.at, quant);
    for (const n of r.remove) removed.add(n);
  }

  for (const { dq, w, scale, zp } of weights) {
    const bits = elemTypeBits(w.elemType);
    const signed = isSignedIntegerElemType(w.elemType);
    const axis = scale.rank === 1 && scale.size > 1 ? attrInt(dq, 'axis', 1) : undefined;
    const s = axis === undefined ? float32Of(scale) : reshapeAlongAxis(float32Of(scale), axis, w.rank);
    const z = zp ? (axis === undefined ? float32Of(zp) : reshapeAlongAxis(float32Of(zp), axis, w.rank)) : Tensor.zeros('float32', s.dims);
    // The dequantised weight values, in float32 as DequantizeLinear computes them.
    const wv = toNumbers(w);
    const sv = s.data as Float32Array;
    const zv = z.data as Float32Array;
    const st = s.size === 1 ? undefined : broadcastIndexOf(s.dims, w.dims);
    const values = new Float32Array(wv.length);
    for (let i = 0; i < wv.length; i++) {
      const k = st ? st[i] : 0;
      values[i] = Math.fround(Math.fround(wv[i] - zv[k]) * sv[k]);
    }
    const base = dq.outputs[0];
    const wName = `${base}_float`;
    graph.initializers.set(wName, new Tensor('float32', w.dims, values));
    graph.initializers.set(`${base}_scale`, s);
    graph.initializers.set(`${base}_zeropt`, z);
    graph.initializers.set(`${base}_bitwidth`, Tensor.scalar('float32', bits));
    const quant = new Node({
      opType: 'Quant',
      domain: QONNX_DOMAIN,
      name: `${dq.name || base}_quant`,
      inputs: [wName, `${base}_scale`, `${base}_zeropt`, `${base}_bitwidth`],
      outputs: [base],
      attributes: { signed: signed ? 1 : 0, narrow: 0, rounding_mode: 'ROUND' },
    });
    replaceBy.set(dq, quant);
  }
  if (insertBefore.size || replaceBy.size) {
    const nodes: Node[] = [];
    for (const n of graph.nodes) {
      const before = insertBefore.get(n);
      if (before) nodes.push(before);
      if (!removed.has(n)) nodes.push(replaceBy.get(n) ?? n);
    }
    graph.nodes = nodes;
  }
  // Initializers only the removed nodes read are dropped.
  const used = new Set<string>();
  forEachGraph(graph, (g) => g.nodes.forEach((n) => n.inputs.forEach((i) => used.add(i))));
  for (const o of graph.outputs) used.add(o.name);
  const inputs = new Set(graph.inputs.map((i) => i.name));
  for (const name of [...graph.initializers.keys()]) {
    if (!used.has(name) && !inputs.has(name)) graph.initializers.delete(name);
  }
  return rewrites.length + weights.length;
}

/** For each element of `outDims`, the flat index into a tensor of `inDims` broadcast onto it. */
function broadcastIndexOf(inDims: readonly number[], outDims: readonly number[]): Int32Array {
  const n = outDims.reduce((a, b) => a * b, 1);
  const idx = new Int32Array(n);
  const rank = outDims.length;
  const off = rank - inDims.length;
  for (let k = 0; k < n; k++) {
    let rem = k;
    let flat = 0;
    let stride = 1;
    for (let a = rank - 1; a >= 0; a--) {
      const coord = rem % outDims[a];
      rem = Math.floor(rem / outDims[a]);
      const ia = a - off;
      if (ia >= 0) {
        if (inDims[ia] !== 1) flat += coord * stride;
        stride *= inDims[ia];
      }
    }
    idx[k] = flat;
  }
  return idx;
}

/**
 * QCDQ → QONNX: every QuantizeLinear → (Clip) → DequantizeLinear chain with constant, matching
 * scale and zero point becomes one QONNX `Quant` (bit width, signed and narrow from the zero point's
 * type and the Clip range; rounding half to even), in every subgraph; a DequantizeLinear of a
 * constant integer tensor (a stored quantised weight) becomes a Quant of the dequantised values.
 */
export default definePass({
  name: 'qcdq-to-quant',
  description: 'replace QuantizeLinear (+ Clip) + DequantizeLinear chains and dequantised integer weights by QONNX Quant',
  stage: 'qonnx',
  placement: { stage: 'qonnx' },
  run(model: Model, ctx) {
    let n = 0;
    try {
      inferTypes(model, ctx.registry, ctx.evaluate ? { evaluate: ctx.evaluate } : {});
    } catch {
      // ranks are only needed for per-axis parameters; such chains are left alone when unknown
    }
    forEachGraph(model.graph, (g) => {
      n += convertGraph(g, ctx);
    });
    if (n) {
      ctx.note(`converted ${n} quantiser(s) to Quant`);
      if (![...model.opsetImports.keys()].includes(QONNX_DOMAIN)) model.opsetImports.set(QONNX_DOMAIN, 1);
    }
    return { changed: n > 0 };
  },
});
