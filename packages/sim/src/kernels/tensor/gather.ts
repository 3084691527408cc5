import { allocData, attrInt, Tensor } from '@scanflow/ir';
import { requireInputs } from '../../helpers/binary-kernel';
import { readInts } from '../../helpers/int-input';
import { copyBlock } from '../../helpers/take';
import { SimulationError } from '../../errors';
import { defineKernel } from '../../kernel';

/**
 * Gather: picks entries of `data` along `axis` (default 0) at `indices` (int32 / int64, negative
 * counting from the end). Output shape: data[:axis] ++ indices.shape ++ data[axis+1:].
 */
export default defineKernel({
  domain: '',
  opType: 'Gather',
  create: (node) => {
    const axisAttr = attrInt(node, 'axis', 0);
    return (inputs) => {
      const [x, ind] = requireInputs(inputs, 2, node);
      const r = x.rank;
      const axis = axisAttr < 0 ? axisAttr + r : axisAttr;
      if (axis < 0 || axis >= r) throw new SimulationError(`node ${node.label}: axis ${axisAttr} is out of range for rank ${r}`);
      const dim = x.dims[axis];
      const idx = readInts(ind, `node ${node.label}: indices`).map((i) => {
        const j = i < 0 ? i + dim : i;
        if (j < 0 || j >= dim) throw new SimulationError(`node ${node.label}: index ${i} is out of range for dimension ${axis} of size ${dim}`);
        return j;
      });
      const outDims = [...x.dims.slice(0, axis), ...ind.dims, ...x.dims.slice(axis + 1)];
      const outer = x.dims.slice(0, axis).reduce((a, b) => a * b, 1);
      const inner = x.dims.slice(axis + 1).reduce((a, b) => a * b, 1);
      const out = allocData(x.elemType, outer * idx.length * inner) as any;
      let k = 0;
      for (let o = 0; o < outer; o++) {
        const base = o * dim * inner;
        for (const j of idx) {
          copyBlock(out, k, x.data, base + j * inner, inner);
          k += inner;
        }
      }
      return [new Tensor(x.elemType, outDims, out)];
    };
  },
});
