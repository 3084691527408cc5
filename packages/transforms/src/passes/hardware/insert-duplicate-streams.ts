import { forEachGraph, type Graph, Node, isHwLayer, outerScopeReferences, topologicalOrder } from '@scanflow/ir';
import { NameSource } from '../../graph/names';
import { definePass } from '../../pass';
import { renameValue } from '../../graph/replace-uses';
import { refreshTypes, usesOf } from '../../graph/graph-tools';
import { ensureHwOpset, hwNode, staticShape } from './hw-tools';

const inRegion = (n: Node): boolean => isHwLayer(n) || (n.domain === '' && n.opType === 'Reshape');

/**
 * A Reshape whose output is read several times gets one copy per extra use, so that the fan-out
 * moves onto the Reshape's input: the channel-last stream a hardware layer produced. An output slot
 * keeps the original Reshape (and name).
 */
function splitReshapeFanout(graph: Graph, names: NameSource): void {
  const uses = usesOf(graph);
  for (const r of [...graph.nodes]) {
    if (r.opType !== 'Reshape' || r.domain !== '') continue;
    const v = r.outputs[0];
    const readers = (uses.consumers.get(v) ?? []).flatMap((n) => n.inputs.filter((i) => i === v).map(() => n));
    const outSlots = graph.outputs.filter((o) => o.name === v).length;
    if (readers.length + outSlots < 2) continue;
    const redirect = outSlots ? readers : readers.slice(1);
    for (const reader of redirect) {
      const c = names.fresh(`${v}_view`);
      graph.nodes.push(new Node({ opType: 'Reshape', inputs: [...r.inputs], outputs: [c], name: names.fresh(`${r.name || v}_copy`) }));
      reader.inputs[reader.inputs.indexOf(v)] = c;
      graph.setDataType(c, graph.getDataType(v));
      const t = graph.typeOf(v);
      if (t) graph.valueInfo.set(c, { name: c, type: t });
    }
  }
}

/**
 * Every value read more than once inside a hardware region (by layers, Reshapes, or as an output of
 * a Recurrence body) gets an explicit DuplicateStreams with one copy per reader: a stream has one
 * consumer in hardware. Values read only by host nodes are left alone.
 */
function duplicateIn(graph: Graph, names: NameSource, isBody: boolean): number {
  const before = graph.nodes.length;
  const k = insertDuplicates(graph, names, isBody);
  // the new nodes were appended: put each before its readers again (stable, so the rest keeps its order)
  if (graph.nodes.length !== before) graph.nodes = topologicalOrder(graph, outerScopeReferences(graph));
  return k;
}

function insertDuplicates(graph: Graph, names: NameSource, isBody: boolean): number {
  splitReshapeFanout(graph, names);
  const uses = usesOf(graph);
  let k = 0;
  const candidates = new Set<string>([...graph.inputs.map((i) => i.name), ...graph.nodes.flatMap((n) => n.outputs)]);
  for (const v of candidates) {
    if (!v || graph.initializers.has(v)) continue;
    const readers = (uses.consumers.get(v) ?? []).flatMap((n) => n.inputs.filter((i) => i === v).map(() => n));
    const outSlots = graph.outputs.map((o, i) => (o.name === v ? i : -1)).filter((i) => i >= 0);
    if (readers.length + outSlots.length < 2) continue;
    if (!isBody) {
      if (duplicateTopLevel(graph, names, v, readers, outSlots.length > 0, uses.producer.get(v), (n) => feedsHardware(n, uses))) k++;
      continue;
    }
    // inside a body every stream is hardware
    if (!readers.some(inRegion)) continue;
    let src = v;
    if (outSlots.length) {
      // the output keeps its name (the model's interface): the producer's value is renamed
      if (!uses.producer.get(v)) continue;
      src = names.fresh(`${v}_src`);
      renameValue(graph, v, src);
    }
    const copies: string[] = [];
    for (const r of readers) {
      const c = names.fresh(`${v}_copy`);
      copies.push(c);
      r.inputs[r.inputs.indexOf(src)] = c;
    }
    outSlots.forEach((slot, i) => {
      const name = i === 0 ? v : names.fresh(`${v}_out`);
      graph.outputs[slot] = { ...graph.outputs[slot], name };
      copies.push(name);
    });
    for (const c of copies) graph.setDataType(c, graph.getDataType(src));
    const shape = staticShape(graph, src);
    graph.nodes.push(hwNode('DuplicateStreams', [src], copies, names.fresh(`${v}_duplicate`), {
      channels: { type: 'int', value: BigInt(shape?.length ? shape[shape.length - 1] : 1) },
      pe: { type: 'int', value: 1n },
    }));
    k++;
  }
  return k;
}

/**
 * At the top level a Reshape belongs to the hardware region only when it leads to a hardware layer
 * (through other Reshapes): one that feeds host nodes alone — a float input reshaped for a host
 * quantiser — is host work, and a value read by two of them needs no DuplicateStreams.
 */
function feedsHardware(n: Node, uses: ReturnType<typeof usesOf>, seen = new Set<Node>()): boolean {
  if (isHwLayer(n)) return true;
  if (!inRegion(n) || seen.has(n)) return false;
  seen.add(n);
  return n.outputs.some((o) => (uses.consumers.get(o) ?? []).some((c) => feedsHardware(c, uses, seen)));
}

/**
 * At the top level a value may be read by hardware layers and by the host (host nodes, graph
 * outputs) alike. Each hardware reader gets its own copy; when a hardware layer produced the value,
 * the host side gets one more copy under the value's own name (one output port), so host readers
 * and graph outputs keep reading it. A value the host produced stays as it is for the host.
 */
function duplicateTopLevel(graph: Graph, names: NameSource, v: string, readers: Node[], isGraphOutput: boolean, producer: Node | undefined, isHwReader: (n: Node) => boolean): boolean {
  const hwReaders = readers.filter(isHwReader);
  const hostSide = isGraphOutput || readers.some((r) => !isHwReader(r));
  const fromHw = producer !== undefined && inRegion(producer);
  if (!hwReaders.length || hwReaders.length + (fromHw && hostSide ? 1 : 0) < 2) return false;
  const copies = hwReaders.map((r) => {
    const c = names.fresh(`${v}_copy`);
    r.inputs[r.inputs.indexOf(v)] = c;
    return c;
  });
  let src = v;
  if (fromHw && hostSide) {
    src = names.fresh(`${v}_src`);
    producer.outputs[producer.outputs.indexOf(v)] = src;
    graph.setDataType(src, graph.getDataType(v));
    const t = graph.typeOf(v);
    if (t) graph.valueInfo.set(src, { name: src, type: t });
    copies.push(v);
  }
  for (const c of copies) if (c !== v) graph.setDataType(c, graph.getDataType(src));
  const shape = staticShape(graph, src) ?? staticShape(graph, v);
  graph.nodes.push(hwNode('DuplicateStreams', [src], copies, names.fresh(`${v}_duplicate`), {
    channels: { type: 'int', value: BigInt(shape?.length ? shape[shape.length - 1]! : 1) },
    pe: { type: 'int', value: 1n },
  }));
  return true;
}

export default definePass({
  name: 'insert-duplicate-streams',
  description: 'give every fanned-out stream of a hardware region an explicit DuplicateStreams',
  stage: 'hardware',
  placement: { stage: 'hardware', order: 'post' },
  run(model, ctx) {
    refreshTypes(model, ctx);
    const names = new NameSource(model);
    let k = 0;
    forEachGraph(model.graph, (g) => {
      const isBody = g !== model.graph;
      if (isBody || g.nodes.some(inRegion)) k += duplicateIn(g, names, isBody);
    });
    if (k) {
      ensureHwOpset(model);
      refreshTypes(model, ctx);
      ctx.note(`${k} DuplicateStreams inserted`);
    }
    return { changed: k > 0 };
  },
});
