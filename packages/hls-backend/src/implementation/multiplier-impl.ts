import { attrString, type Node } from '@scanflow/ir';
import { HlsCodegenError } from '../codegen/errors';

/** How a layer's products are built: Vitis HLS decides (`auto`), LUT fabric, or DSP slices. */
export type MultiplierImpl = 'auto' | 'lut' | 'dsp';

/** The node attribute holding it (MVAU, ElementwiseMul; set by folding). */
export const MULTIPLIER_ATTR = 'mult_impl';

const IMPLS: readonly MultiplierImpl[] = ['auto', 'lut', 'dsp'];

/** The multiplier implementation a node asks for (`auto` when unset). */
export function multiplierImpl(node: Node): MultiplierImpl {
  const v = node.attributes.has(MULTIPLIER_ATTR) ? attrString(node, MULTIPLIER_ATTR) : 'auto';
  if (!(IMPLS as readonly string[]).includes(v)) throw new HlsCodegenError(`${node.opType} '${node.name}': ${MULTIPLIER_ATTR} = '${v}', expected one of ${IMPLS.join(', ')}`);
  return v as MultiplierImpl;
}

/** The kernel library's policy type for an implementation (common.hpp). */
export function multiplierTag(impl: MultiplierImpl): string {
  return `scanflow::mul_${impl}`;
}
