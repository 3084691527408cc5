import type { Graph } from './graph';
import type { Node } from './node';
import { outerScopeReferences, subgraphsOf } from './subgraphs';

/** A snapshot of who produces and who consumes each value of one graph (not of its subgraphs). */
export interface UseDef {
  producer: Map<string, Node>;
  /** Consumers in node order; a node reading a value through a subgraph counts as a consumer. */
  consumers: Map<string, Node[]>;
}

/** Builds the use-def index. Rebuild it after editing the graph. */
export function buildUseDef(graph: Graph): UseDef {
  const producer = new Map<string, Node>();
  const consumers = new Map<string, Node[]>();
  const addUse = (name: string, n: Node): void => {
    const list = consumers.get(name);
    if (!list) consumers.set(name, [n]);
    else if (list[list.length - 1] !== n) list.push(n);
  };
  for (const n of graph.nodes) {
    for (const o of n.outputs) if (o) producer.set(o, n);
    for (const i of n.inputs) if (i) addUse(i, n);
    for (const { graph: sub } of subgraphsOf(n)) for (const r of outerScopeReferences(sub)) addUse(r, n);
  }
  return { producer, consumers };
}

export function producerOf(graph: Graph, name: string): Node | undefined {
  return graph.nodes.find((n) => n.outputs.includes(name));
}

export function consumersOf(graph: Graph, name: string): Node[] {
  return buildUseDef(graph).consumers.get(name) ?? [];
}

/** Whether `name` is a graph output. */
export function isGraphOutput(graph: Graph, name: string): boolean {
  return graph.outputs.some((o) => o.name === name);
}
