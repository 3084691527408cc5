import { attrInts, hasAttr } from '@scanflow/ir';
import { stridesOf } from '../../helpers/broadcast';
import { stridedIndex, takeElements } from '../../helpers/take';
import { SimulationError } from '../../errors';
import { defineKernel } from '../../kernel';

/** Transpose: output axis i is input axis perm[i] (default: the axes reversed). */
export default defineKernel({
  domain: '',
  opType: 'Transpose',
  create: (node) => {
    const permAttr = hasAttr(node, 'perm') ? attrInts(node, 'perm') : undefined;
    let lastDims: readonly number[] | undefined;
    let lastIdx: Int32Array | undefined;
    let lastOut: number[] = [];
    return (inputs) => {
      const x = inputs[0];
      if (!x) throw new SimulationError(`node ${node.label}: input 0 is missing`);
      const r = x.rank;
      const perm = permAttr ?? Array.from({ length: r }, (_, i) => r - 1 - i);
      if (perm.length !== r || [...perm].sort((a, b) => a - b).some((p, i) => p !== i)) {
        throw new SimulationError(`node ${node.label}: perm [${perm.join(', ')}] is not a permutation of the ${r} axes of [${x.dims.join(', ')}]`);
      }
      if (!lastIdx || lastDims!.length !== r || lastDims!.some((d, i) => d !== x.dims[i])) {
        const st = stridesOf(x.dims);
        lastOut = perm.map((p) => x.dims[p]);
        lastIdx = stridedIndex(lastOut, perm.map((p) => st[p]));
        lastDims = x.dims;
      }
      return [takeElements(x, lastIdx, lastOut)];
    };
  },
});
