import { attrGraph, attrInt, attrInts, type Graph, hasAttr, type Model, type Node, OpLookup, QONNX_DOMAIN, Tensor } from '@scanflow/ir';
import { NameSource } from '../../graph/names';
import { definePass, type PassContext } from '../../pass';
import { constantOf, forEachGraphTidy, op, refreshTypes } from '../../graph/graph-tools';

/**
 * FINN-GL writes the LSTM step on column vectors [n, 1] with MatMul(W, x). MultiThreshold compares
 * along axis 1 (or the last axis), which for [n, 1] has size 1: per-channel thresholds (a per-row
 * bias absorbed into the gate quantisers) cannot be expressed there. This pass gives such Scan
 * bodies a leading unit axis, [n, 1] → [1, n, 1] (NCW with N = W = 1), so that the vector runs
 * along axis 1; MatMul(W, x) keeps W first (it broadcasts over the new batch axis). Outside the
 * Scan, Reshapes adapt the initial states / scan inputs and restore the outputs' shapes.
 */

/** The constant behind a weight quantiser (Quant of a constant), if `name` is one. */
function quantisedConstant(body: Graph, name: string): Tensor | undefined {
  const p = body.nodes.find((n) => n.outputs.includes(name));
  return p && (p.opType === 'Quant' || p.opType === 'IntQuant') ? constantOf(body, p.inputs[0]) : undefined;
}

/**
 * Why the body cannot take the [1, n, 1] layout, or undefined when it can: every node is a
 * MatMul(constant 2-D W, vector), a MultiThreshold with shared thresholds, or an element-wise op
 * (whose meaning does not depend on the rank) reading constants of rank ≤ 2 — per-axis parameters
 * only as single values.
 */
function bodyBlocker(ops: OpLookup, body: Graph): string | undefined {
  for (const n of body.nodes) {
    if (n.opType === 'MatMul' && n.domain === '') {
      const w = constantOf(body, n.inputs[0]) ?? quantisedConstant(body, n.inputs[0]);
      if (!w || w.rank !== 2 || constantOf(body, n.inputs[1])) return `MatMul ${n.label} is not MatMul(constant 2-D W, vector)`;
      continue;
    }
    if (n.opType === 'MultiThreshold' && n.domain === QONNX_DOMAIN) {
      const t = constantOf(body, n.inputs[1]);
      if (!t || t.dims[0] !== 1) return `MultiThreshold ${n.label} has per-channel thresholds`;
      continue;
    }
    const elementwise = ops.traits(n).elementwise;
    if (!elementwise) return `${n.label}: ${n.opType} is not known to be rank-independent`;
    if (elementwise.broadcast === 'per-axis' && n.inputs.slice(1).some((i) => i && constantOf(body, i)?.size !== 1)) return `${n.label} has per-axis parameters`;
    for (const i of n.inputs) {
      const c = constantOf(body, i);
      if (c && c.rank > 2) return `${n.label} reads a constant of rank ${c.rank}`;
    }
  }
  return undefined;
}

function columnLength(shape: unknown): number | string | undefined {
  const s = shape as (number | string | null)[] | undefined;
  if (!s || s.length !== 2 || s[1] !== 1 || s[0] === null) return undefined;
  return s[0];
}

function convert(ops: OpLookup, graph: Graph, scan: Node, names: NameSource, ctx: PassContext): boolean {
  const model = ops.model;
  const body = attrGraph(scan, 'body');
  const m = attrInt(scan, 'num_scan_inputs');
  const n = scan.inputs.length - m;
  const where = `Scan ${scan.label}`;
  if (model.opsetVersion('') < 9) return false;
  for (const a of ['scan_input_axes', 'scan_output_axes']) {
    if (hasAttr(scan, a) && attrInts(scan, a).some((v) => v !== 0)) {
      ctx.note(`${where}: ${a} other than 0; layout left as is`);
      return false;
    }
  }
  const lengths: (number | string)[] = [];
  for (const v of [...body.inputs, ...body.outputs]) {
    const t = v.type?.kind === 'tensor' ? v.type : undefined;
    const len = columnLength(t?.shape);
    if (len === undefined) return false;
    lengths.push(len);
  }
  const blocker = bodyBlocker(ops, body);
  if (blocker) {
    ctx.note(`${where}: ${blocker}; layout left as is`);
    return false;
  }
  const shapeConst = (values: number[]) => {
    const name = names.fresh('layout_shape');
    graph.initializers.set(name, Tensor.int64([values.length], values));
    return name;
  };
  const added: Node[] = [];
  // inputs: states [n,1] → [1,n,1]; scan inputs [T,n,1] → [T,1,n,1]
  scan.inputs.forEach((v, k) => {
    if (!v) return;
    const c = constantOf(graph, v);
    if (k < n && c) {
      const name = names.fresh(`${v}_nc`);
      graph.initializers.set(name, c.reshape([1, ...c.dims]));
      scan.inputs[k] = name;
      return;
    }
    const out = names.fresh(`${v}_nc`);
    added.push(op('Reshape', [v, shapeConst(k < n ? [1, -1, 1] : [0, 1, -1, 1])], [out], names.fresh(`${v}_to_nc`)));
    scan.inputs[k] = out;
  });
  // outputs: back to the column shapes
  const after: Node[] = [];
  scan.outputs.forEach((o, k) => {
    if (!o) return;
    const raw = names.fresh(`${o}_nc`);
    scan.outputs[k] = raw;
    after.push(op('Reshape', [raw, shapeConst(k < n ? [-1, 1] : [0, -1, 1])], [o], names.fresh(`${o}_from_nc`)));
    graph.valueInfo.delete(o);
  });
  [...body.inputs, ...body.outputs].forEach((v, k) => {
    if (v.type?.kind === 'tensor') v.type = { kind: 'tensor', elemType: v.type.elemType, shape: [1, lengths[k], 1] };
  });
  body.valueInfo.clear();
  const at = graph.nodes.indexOf(scan);
  graph.nodes.splice(at + 1, 0, ...after);
  graph.nodes.splice(at, 0, ...added);
  return true;
}

/** Gives column-vector Scan bodies ([n,1] values) a leading unit axis so that vectors run along MultiThreshold's channel axis. */
export default definePass({
  name: 'scan-channel-layout',
  description: 'reshape column-vector Scan bodies [n,1] to [1,n,1] so that per-channel MultiThresholds can act along the vector (Reshapes outside the Scan)',
  stage: 'streamlined',
  placement: { stage: 'streamlined', after: ['fold-quant-weights'] },
  run(model, ctx) {
    refreshTypes(model, ctx);
    const names = new NameSource(model);
    const ops = new OpLookup(ctx.registry, model);
    const n = forEachGraphTidy(model, (g) => {
      let k = 0;
      for (const node of [...g.nodes]) if (node.opType === 'Scan' && node.domain === '' && convert(ops, g, node, names, ctx)) k++;
      return k;
    });
    if (n) {
      refreshTypes(model, ctx);
      ctx.note(`${n} Scan bod${n === 1 ? 'y' : 'ies'} now [1, n, 1]`);
    }
    return { changed: n > 0 };
  },
});
