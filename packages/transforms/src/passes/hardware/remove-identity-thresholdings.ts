import { attrInt, type Graph, type Node, isHwLayer } from '@scanflow/ir';
import { NameSource } from '../../graph/names';
import { constantOf, type Uses } from '../../graph/graph-tools';
import { type RewriteContext, rewritePass } from '../../graph/rewrite-driver';
import { bypass } from './bypass';
import { thresholdRows } from './threshold-chain';

/** Largest input range checked exhaustively. */
const MAX_RANGE = 1 << 16;

/**
 * Removes a Thresholding that maps every value of its input's datatype to itself (e.g. a
 * requantiser onto the grid the value is already on), checked exhaustively over the input range.
 */
export function removeIdentityThresholding(r: RewriteContext, node: Node): boolean {
  const { graph } = r;
  if (!isHwLayer(node, 'Thresholding')) return false;
  const t = constantOf(graph, node.inputs[1]);
  const dt = graph.getDataType(node.inputs[0]);
  if (!t || !dt?.isInteger || dt.max - dt.min > MAX_RANGE) return false;
  const bias = attrInt(node, 'out_bias', 0);
  for (const row of thresholdRows(t)) {
    let k = 0;
    for (let x = dt.min; x <= dt.max; x++) {
      while (k < row.length && x >= row[k]) k++;
      if (bias + k !== x) return false;
    }
  }
  return bypass(r, node, node.inputs[0], node.outputs[0]);
}

export default rewritePass({
  name: 'remove-identity-thresholdings',
  description: 'remove Thresholdings that are the identity on their input range',
  stage: 'hardware',
  what: 'identity Thresholding(s) removed',
  rewriter: removeIdentityThresholding,
});
