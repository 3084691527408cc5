import { attrGraph, attrInt, attrInts, forEachGraph, type Graph, Node, QONNX_DOMAIN, Tensor, tensorType, isHwLayer } from '@scanflow/ir';
import { NameSource } from '../../graph/names';
import { definePass, type PassContext } from '../../pass';
import { constantOf, refreshTypes, shapeOf, tidyAll } from '../../graph/graph-tools';
import { setShape, staticShape } from './hw-tools';

/** Body nodes that act on each vector of a stream alone, so they can run on the whole sequence. */
function perVector(body: Graph, node: Node): boolean {
  if (isHwLayer(node)) return node.opType !== 'Recurrence';
  if (node.domain === '' && node.opType === 'Reshape') return !!constantOf(body, node.inputs[1]);
  // the float input quantiser (host side): per element when its thresholds are shared
  if (node.domain === QONNX_DOMAIN && node.opType === 'MultiThreshold') return constantOf(body, node.inputs[1])?.dims[0] === 1;
  return false;
}

/**
 * Moves the state-independent part of a Scan body out of the loop: every per-vector node whose
 * inputs are sequence slices, constants or other such nodes' outputs runs once on the whole
 * sequence before the Scan (a [T, …] stream), and the values the rest of the body reads become new
 * scan inputs. This is how W·x_t for every t, the input quantiser and similar work leave the
 * recurrence, so that only U·h and what depends on it stays on the recurrent path.
 */
function hoist(graph: Graph, scan: Node, names: NameSource, ctx: PassContext): number {
  const body = attrGraph(scan, 'body');
  const m = attrInt(scan, 'num_scan_inputs');
  const n = scan.inputs.length - m;
  for (const a of ['scan_input_axes', 'scan_output_axes']) {
    if (scan.attributes.has(a) && attrInts(scan, a).some((v) => v !== 0)) {
      ctx.note(`Scan '${scan.name}': ${a} not all 0, nothing hoisted`);
      return 0;
    }
  }
  // a sequence walked backwards (direction 1) stays so: a value hoisted from it is a new sequence
  // input with the same direction (per-vector work does not care about the order of the steps)
  const directions = scan.attributes.has('scan_input_directions') ? attrInts(scan, 'scan_input_directions') : [];
  const seqOf = new Map<string, string>();
  const dirOf = new Map<string, number>();
  body.inputs.slice(n).forEach((inp, j) => {
    seqOf.set(inp.name, scan.inputs[n + j]);
    dirOf.set(inp.name, directions[j] ?? 0);
  });
  // the sequence length may be symbolic or unknown: every hoisted value is [T, ...per-step shape]
  const first = shapeOf(graph, scan.inputs[n]);
  if (!first || first.length === 0) {
    ctx.note(`Scan '${scan.name}': the shape of its first sequence is unknown, nothing hoisted`);
    return 0;
  }
  const T = first[0] ?? null;
  const outer = new Map(seqOf); // body value → outer value holding it for all steps
  const bodyOutputs = new Set(body.outputs.map((o) => o.name));
  const moved: Node[] = [];
  for (const node of body.nodes) {
    if (!perVector(body, node)) continue;
    const dynamic = node.inputs.filter((i) => i && !constantOf(body, i));
    if (!dynamic.length || !dynamic.every((i) => outer.has(i))) continue;
    if (node.outputs.some((o) => bodyOutputs.has(o))) continue;
    const dirs = new Set(dynamic.map((i) => dirOf.get(i)!));
    if (dirs.size !== 1) continue; // slices of sequences walked in opposite directions
    const dir = [...dirs][0]!;
    const inputs = node.inputs.map((i, k) => {
      if (!i) return i;
      const o = outer.get(i);
      if (o) return o;
      const c = constantOf(body, i)!;
      const name = names.fresh(i);
      const isShape = node.opType === 'Reshape' && k === 1;
      const perStep = staticShape(body, node.outputs[0]!);
      if (isShape && !perStep) throw new Error(`Scan '${scan.name}': body Reshape ${node.label} has no static output shape`);
      graph.initializers.set(name, isShape ? Tensor.int64([c.size + 1], [typeof T === 'number' ? T : -1, ...perStep!]) : c);
      if (!isShape) graph.setDataType(name, body.getDataType(i));
      return name;
    });
    const outputs = node.outputs.map((o) => {
      const name = names.fresh(`${o}_seq`);
      outer.set(o, name);
      dirOf.set(o, dir);
      const s = staticShape(body, o);
      if (s) setShape(graph, name, [T, ...s]);
      graph.setDataType(name, body.getDataType(o));
      return name;
    });
    graph.nodes.push(new Node({ opType: node.opType, domain: node.domain, name: names.fresh(node.name || outputs[0]), inputs, outputs, attributes: node.attributes }));
    moved.push(node);
  }
  if (!moved.length) return 0;
  body.nodes = body.nodes.filter((x) => !moved.includes(x));
  // values the remaining body still reads (or returns) become new scan inputs
  const read = new Set<string>(body.outputs.map((o) => o.name));
  for (const x of body.nodes) for (const i of x.inputs) if (i) read.add(i);
  const keep = body.inputs.slice(n).filter((inp) => read.has(inp.name));
  const added = [...outer.keys()].filter((v) => !seqOf.has(v) && read.has(v));
  const newSeqInputs = [...keep.map((i) => seqOf.get(i.name)!), ...added.map((v) => outer.get(v)!)];
  body.inputs = [...body.inputs.slice(0, n), ...keep, ...added.map((v) => ({ name: v, type: tensorType('float32', staticShape(body, v)) }))];
  for (const v of added) body.valueInfo.delete(v);
  scan.inputs = [...scan.inputs.slice(0, n), ...newSeqInputs];
  scan.attributes.set('num_scan_inputs', { type: 'int', value: BigInt(newSeqInputs.length) });
  scan.attributes.delete('scan_input_axes');
  const newDirections = [...keep.map((i) => dirOf.get(i.name)!), ...added.map((v) => dirOf.get(v)!)];
  if (newDirections.some((d) => d !== 0)) scan.attributes.set('scan_input_directions', { type: 'ints', value: newDirections.map(BigInt) });
  else scan.attributes.delete('scan_input_directions');
  return moved.length;
}

export default definePass({
  name: 'hoist-recurrence-inputs',
  description: 'move state-independent per-vector work (W·x_t, input quantisers) out of Scan bodies onto the whole sequence',
  stage: 'hardware',
  placement: { stage: 'hardware', after: ['merge-threshold-stages'] },
  run(model, ctx) {
    refreshTypes(model, ctx);
    const names = new NameSource(model);
    let k = 0;
    forEachGraph(model.graph, (g) => {
      for (const node of [...g.nodes]) if (node.opType === 'Scan' && node.domain === '' && model.opsetVersion('') >= 9) k += hoist(g, node, names, ctx);
    });
    if (k) {
      tidyAll(model);
      refreshTypes(model, ctx);
      ctx.note(`${k} node(s) hoisted out of Scan bodies`);
    }
    return { changed: k > 0 };
  },
});
