import ELK, { type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { DataflowGraph, DataflowNode } from '../report-data';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PositionedGraph {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly (DataflowNode & Box & { readonly lines: readonly string[] })[];
  readonly clusters: readonly (Box & { readonly id: string; readonly title: string; readonly loopLanes: number })[];
  /** Edges laid out by ELK: polyline points. */
  readonly edges: readonly { readonly id: string; readonly points: readonly { x: number; y: number }[]; readonly label?: string }[];
  /** Loop edges (next state → state input), routed around the cluster's right side. */
  readonly loops: readonly { readonly id: string; readonly points: readonly { x: number; y: number }[] }[];
}

const CHAR_WIDTH = 6.6;
const LINE_HEIGHT = 13;
const MAX_NAME = 30;
const LOOP_LANE = 12;

function shorten(s: string, n = MAX_NAME): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/** The text lines of a node: op, name, folding · datatype, cycles (ESTIMATE). */
export function nodeLines(n: DataflowNode): string[] {
  const lines = [n.op, shorten(n.name)];
  const detail = [n.folding, n.datatype].filter(Boolean).join(' · ');
  if (detail) lines.push(detail);
  if (n.cycles !== undefined) lines.push(`${n.cycles.toLocaleString('en-US')} cycles`);
  return lines;
}

/**
 * Lays the dataflow graph out with ELK's layered algorithm (top to bottom, Recurrence bodies as
 * nested nodes, hierarchy-crossing edges included). Loop edges are left out of the layering and
 * routed around their cluster's right side afterwards, so the body reads top to bottom.
 * Coordinates are absolute. Deterministic for the same graph.
 */
export async function layoutDataflow(graph: DataflowGraph): Promise<PositionedGraph> {
  const lines = new Map(graph.nodes.map((n) => [n.id, nodeLines(n)]));
  const loopsPer = new Map<string, number>();
  for (const e of graph.edges) {
    if (!e.loop) continue;
    const parent = graph.nodes.find((n) => n.id === e.target)?.parent;
    if (parent) loopsPer.set(parent, (loopsPer.get(parent) ?? 0) + 1);
  }
  const leaf = (n: DataflowNode): ElkNode => {
    const ls = lines.get(n.id)!;
    return { id: n.id, width: Math.ceil(Math.max(...ls.map((l) => l.length)) * CHAR_WIDTH + 16), height: ls.length * LINE_HEIGHT + 10 };
  };
  const children: ElkNode[] = graph.nodes.filter((n) => !n.parent).map(leaf);
  for (const c of graph.clusters) {
    const right = 12 + LOOP_LANE * (loopsPer.get(c.id) ?? 0);
    children.push({ id: c.id, layoutOptions: { 'elk.padding': `[top=34,left=12,bottom=12,right=${right}]` }, children: graph.nodes.filter((n) => n.parent === c.id).map(leaf) });
  }
  // nested Recurrences: move a cluster into its parent cluster when its id extends the parent's path
  const byId = new Map(children.map((c) => [c.id, c]));
  for (const c of graph.clusters) {
    const parent = graph.clusters.filter((p) => p.id !== c.id && c.id.startsWith(`${p.id}/`)).sort((a, b) => b.id.length - a.id.length)[0];
    if (!parent) continue;
    const node = byId.get(c.id)!;
    children.splice(children.indexOf(node), 1);
    byId.get(parent.id)!.children!.push(node);
  }
  const elk = new ELK();
  const input: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.json.edgeCoords': 'ROOT',
      'elk.json.shapeCoords': 'ROOT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '28',
      'elk.spacing.nodeNode': '18',
      'elk.randomSeed': '1',
    },
    children,
    edges: graph.edges.filter((e) => !e.loop).map((e): ElkExtendedEdge => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
  const root: ElkNode = await elk.layout(input);

  const boxes = new Map<string, Box>();
  const visit = (n: ElkNode): void => {
    boxes.set(n.id, { x: n.x ?? 0, y: n.y ?? 0, width: n.width ?? 0, height: n.height ?? 0 });
    for (const c of n.children ?? []) visit(c);
  };
  for (const c of root.children ?? []) visit(c);
  const edges = (root.edges ?? []).map((e) => {
    const s = e.sections?.[0];
    const points = s ? [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p) => ({ x: p.x, y: p.y })) : [];
    const label = graph.edges.find((x) => x.id === e.id)?.label;
    return { id: e.id, points, ...(label ? { label } : {}) };
  });
  const laneUsed = new Map<string, number>();
  const loops = graph.edges
    .filter((e) => e.loop)
    .map((e) => {
      const src = boxes.get(e.source)!;
      const dst = boxes.get(e.target)!;
      const cluster = graph.nodes.find((n) => n.id === e.target)!.parent!;
      const cb = boxes.get(cluster)!;
      const lane = laneUsed.get(cluster) ?? 0;
      laneUsed.set(cluster, lane + 1);
      const x = cb.x + cb.width - 8 - lane * LOOP_LANE;
      const sy = src.y + src.height / 2;
      const dy = dst.y + dst.height / 2;
      return { id: e.id, points: [{ x: src.x + src.width, y: sy }, { x, y: sy }, { x, y: dy }, { x: dst.x + dst.width, y: dy }] };
    });
  return {
    width: Math.ceil(root.width ?? 0),
    height: Math.ceil(root.height ?? 0),
    nodes: graph.nodes.map((n) => ({ ...n, ...boxes.get(n.id)!, lines: lines.get(n.id)! })),
    clusters: graph.clusters.map((c) => ({
      id: c.id,
      ...boxes.get(c.id)!,
      loopLanes: loopsPer.get(c.id) ?? 0,
      title: `Recurrence ${shorten(c.name, 40)} · T = ${c.steps}${c.stepCycles !== undefined ? ` · ${c.stepCycles.toLocaleString('en-US')} cycles per step (ESTIMATE)` : ''}`,
    })),
    edges,
    loops,
  };
}
