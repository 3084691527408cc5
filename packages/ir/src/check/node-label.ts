import type { Node } from '../graph/node';
import { quoteName } from '../text/escape';

/** `node 'name' (OpType)`, or `OpType node #k` for an unnamed node, names quoted and escaped. */
export function nodeLabel(node: Node, index?: number): string {
  const op = quoteName(node.opType).slice(1, -1);
  if (node.name) return `node ${quoteName(node.name)} (${op})`;
  return `${op} node${index === undefined ? '' : ` #${index}`} producing ${quoteName(node.outputs.find((o) => o) ?? '')}`;
}
