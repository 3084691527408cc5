import { attrInts } from '../../graph/attribute';
import { Tensor } from '../../tensor/tensor';
import type { UpgradeContext } from '../op-schema';

/**
 * Shared pieces of the version adapters (`upgrade` hooks): an int-list attribute of older opsets
 * becomes an int64 input.
 */

/** Moves int-list attribute `attr` to input slot `slot` as an int64 constant (nothing when the attribute is absent). */
export function intsAttributeToInput(ctx: UpgradeContext, attr: string, slot: number): void {
  const node = ctx.node;
  if (!node.attributes.has(attr)) return;
  const v = attrInts(node, attr);
  node.attributes.delete(attr);
  while (node.inputs.length < slot) node.inputs.push('');
  node.inputs[slot] = ctx.constant(`${node.name || node.opType}_${attr}`, Tensor.int64([v.length], v));
  ctx.changed();
}

/** The element type of a value as declared in the graph (float32 when nothing says). */
export function declaredElemType(ctx: UpgradeContext, name: string): Tensor['elemType'] {
  const t = ctx.graph.typeOf(name);
  return t?.kind === 'tensor' ? t.elemType : 'float32';
}
