import { isGraphOutput, type Node } from '@scanflow/ir';
import type { RewriteContext } from '../../graph/rewrite-driver';

/**
 * Removes a node that passes its input `from` through unchanged as its output `to` (an identity
 * Transpose / Reshape, a collapsed Thresholding), rewiring readers. When `to` is a graph output its
 * name is kept by renaming `from` instead, which needs `from` to be produced by a node of this graph
 * and read by nothing else. Returns false (and changes nothing) when that is not possible.
 */
export function bypass(r: RewriteContext, node: Node, from: string, to: string): boolean {
  const { graph, uses } = r;
  if (!isGraphOutput(graph, to)) {
    r.remove(node);
    r.replaceUses(to, from);
    graph.valueInfo.delete(to);
    return true;
  }
  const producer = uses.producer.get(from);
  const readers = uses.consumers.get(from) ?? [];
  if (!producer || isGraphOutput(graph, from) || uses.readBySubgraph.has(from) || readers.length !== 1 || readers[0] !== node) return false;
  r.remove(node);
  const dt = graph.getDataType(to);
  graph.valueInfo.delete(to);
  graph.annotations.delete(to);
  r.renameValue(from, to);
  if (dt) graph.setDataType(to, dt);
  return true;
}
