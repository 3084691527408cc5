import type { Graph, Node } from '@scanflow/ir';
import { renameValue, replaceUses } from '../../graph/replace-uses';
import { isOutput, type Uses } from '../streamline/graph-tools';

/**
 * Removes a node that passes its input `from` through unchanged as its output `to` (an identity
 * Transpose / Reshape, a collapsed Thresholding), rewiring readers. When `to` is a graph output its
 * name is kept by renaming `from` instead, which needs `from` to be produced by a node of this graph
 * and read by nothing else. Returns false (and changes nothing) when that is not possible.
 */
export function bypass(graph: Graph, uses: Uses, node: Node, from: string, to: string): boolean {
  if (!isOutput(graph, to)) {
    graph.nodes.splice(graph.nodes.indexOf(node), 1);
    replaceUses(graph, to, from);
    graph.valueInfo.delete(to);
    return true;
  }
  const producer = uses.producer.get(from);
  const readers = uses.consumers.get(from) ?? [];
  if (!producer || isOutput(graph, from) || uses.readBySubgraph.has(from) || readers.length !== 1 || readers[0] !== node) return false;
  graph.nodes.splice(graph.nodes.indexOf(node), 1);
  const dt = graph.getDataType(to);
  graph.valueInfo.delete(to);
  graph.annotations.delete(to);
  renameValue(graph, from, to);
  if (dt) graph.setDataType(to, dt);
  return true;
}
