import { attrInt, hasAttr, Tensor } from '@scanflow/ir';
import { SimulationError } from '../../errors';
import { defineKernel } from '../../kernel';

/** Clamps a possibly negative bound to [0, rank]. */
function bound(v: number, rank: number): number {
  const x = v < 0 ? v + rank : v;
  return Math.min(Math.max(x, 0), rank);
}

/** Shape: the input's dimensions as int64, optionally the slice [start, end) (opset 15+; out-of-range bounds clamp). */
export default defineKernel({
  domain: '',
  opType: 'Shape',
  create: (node) => {
    const start = attrInt(node, 'start', 0);
    const end = hasAttr(node, 'end') ? attrInt(node, 'end') : undefined;
    return (inputs) => {
      const x = inputs[0];
      if (!x) throw new SimulationError(`node ${node.label}: input 0 is missing`);
      const r = x.rank;
      const s = bound(start, r);
      const e = end === undefined ? r : bound(end, r);
      const dims = x.dims.slice(s, Math.max(s, e));
      return [new Tensor('int64', [dims.length], BigInt64Array.from(dims, (d) => BigInt(d)))];
    };
  },
});
