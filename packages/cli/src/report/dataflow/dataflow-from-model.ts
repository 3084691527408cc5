import { type HlsProject, type ModelEstimate, partitionAccelerator } from '@scanflow/hls-backend';
import { attrGraph, attrInt, type Graph, HW_DOMAIN, type Model, type Node, normalizeDomain, topologicalOrder, type Registry } from '@scanflow/ir';
import type { DataflowCluster, DataflowEdge, DataflowGraph, DataflowNode } from '../report-data';

interface Builder {
  nodes: DataflowNode[];
  edges: DataflowEdge[];
  clusters: DataflowCluster[];
  est: ModelEstimate;
}

const isRecurrence = (n: Node): boolean => normalizeDomain(n.domain) === HW_DOMAIN && n.opType === 'Recurrence';

function folding(n: Node): string | undefined {
  const pe = n.attributes.has('pe') ? attrInt(n, 'pe') : undefined;
  const simd = n.attributes.has('simd') ? attrInt(n, 'simd') : undefined;
  if (pe === undefined && simd === undefined) return undefined;
  return [pe !== undefined ? `PE ${pe}` : '', simd !== undefined ? `SIMD ${simd}` : ''].filter(Boolean).join(' · ');
}

function addEdge(b: Builder, source: string | undefined, target: string, graph: Graph, value: string, loop = false): void {
  if (source === undefined) return;
  const label = loop ? 'next state' : graph.getDataType(value)?.name;
  b.edges.push({ id: `e${b.edges.length}`, source, target, ...(label ? { label } : {}), ...(loop ? { loop: true } : {}) });
}

/**
 * Adds the nodes of one graph level (top level or a Recurrence body). `producerOf` maps the values
 * visible at this level to the node that produces them; returns it completed with this level's outputs.
 */
function addLevel(b: Builder, graph: Graph, nodes: readonly Node[], prefix: string, parent: string | undefined, producerOf: Map<string, string>): void {
  for (const n of nodes) {
    const path = `${prefix}${n.name || n.outputs[0]}`;
    if (isRecurrence(n)) {
      const body = attrGraph(n, 'body');
      const m = attrInt(n, 'num_scan_inputs');
      const states = n.inputs.length - m;
      const rec = b.est.recurrences.find((r) => r.path === path);
      b.clusters.push({ id: path, name: n.name, steps: rec?.steps ?? 0, ...(rec ? { stepCycles: rec.stepCycles } : {}) });
      const inner = new Map<string, string>();
      body.inputs.forEach((input, k) => {
        const id = `${path}/@in:${k}`;
        const state = k < states;
        b.nodes.push({ id, kind: state ? 'state' : 'sequence', op: state ? 'state' : 'x[t]', name: input.name, parent: path, ...(body.getDataType(input.name) ? { datatype: body.getDataType(input.name)!.name } : {}) });
        addEdge(b, producerOf.get(n.inputs[k] ?? ''), id, graph, n.inputs[k] ?? '');
        inner.set(input.name, id);
      });
      addLevel(b, body, topologicalOrder(body), `${path}/`, path, inner);
      for (let k = 0; k < states; k++) addEdge(b, inner.get(body.outputs[k]!.name), `${path}/@in:${k}`, body, body.outputs[k]!.name, true);
      n.outputs.forEach((o, k) => {
        const src = inner.get(body.outputs[k]?.name ?? '');
        if (o && src) producerOf.set(o, src);
      });
      continue;
    }
    const layer = b.est.layers.find((l) => l.path === path);
    const dt = n.outputs[0] ? graph.getDataType(n.outputs[0]) : undefined;
    const fold = folding(n);
    b.nodes.push({
      id: path,
      kind: normalizeDomain(n.domain) === HW_DOMAIN ? 'layer' : 'reshape',
      op: n.opType,
      name: n.name || n.outputs[0] || n.opType,
      ...(fold ? { folding: fold } : {}),
      ...(dt ? { datatype: dt.name } : {}),
      ...(layer ? { cycles: layer.cycles } : {}),
      ...(parent ? { parent } : {}),
      ...(b.est.bottleneck === path ? { bottleneck: true } : {}),
    });
    for (const v of n.inputs) if (v && producerOf.has(v)) addEdge(b, producerOf.get(v), path, graph, v);
    for (const o of n.outputs) if (o) producerOf.set(o, path);
  }
}

/**
 * The accelerator's dataflow graph for the report: the input ports, every hardware layer and
 * Reshape with its folding, output datatype and cycles (ESTIMATE), each Recurrence as a cluster of
 * its body (state and sequence terminals, the next state fed back by a loop edge), the output ports.
 */
export function dataflowFromModel(hardware: Model, project: Pick<HlsProject, 'ports'>, est: ModelEstimate, registry: Registry): DataflowGraph {
  const g = hardware.graph;
  const partition = partitionAccelerator(hardware, registry);
  const b: Builder = { nodes: [], edges: [], clusters: [], est };
  const producerOf = new Map<string, string>();
  for (const p of project.ports.inputs) {
    const id = `port:${p.name}`;
    b.nodes.push({ id, kind: 'port-in', op: 'input port', name: p.name, datatype: `${p.datatype} × ${p.lanes}` });
    producerOf.set(p.value, id);
  }
  addLevel(b, g, partition.nodes, '', undefined, producerOf);
  for (const p of project.ports.outputs) {
    const id = `port:${p.name}`;
    b.nodes.push({ id, kind: 'port-out', op: 'output port', name: p.name, datatype: `${p.datatype} × ${p.lanes}` });
    addEdge(b, producerOf.get(p.value), id, g, p.value);
  }
  return { nodes: b.nodes, edges: b.edges, clusters: b.clusters };
}
