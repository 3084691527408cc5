import { type Node, normalizeDomain } from '../../graph/node';
import { HW_DOMAIN } from './hw-helpers';

/** Whether a node is one of scanflow's hardware layers (domain scanflow.hw), optionally of one op type. */
export function isHwLayer(node: Node, opType?: string): boolean {
  return normalizeDomain(node.domain) === HW_DOMAIN && (opType === undefined || node.opType === opType);
}
