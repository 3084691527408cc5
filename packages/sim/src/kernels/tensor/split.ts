import { allocData, attrInt, attrInts, hasAttr, type Node, Tensor } from '@scanflow/ir';
import { readIntList } from '../../helpers/int-input';
import { copyBlock } from '../../helpers/take';
import { SimulationError } from '../../errors';
import { defineKernel, type Kernel, type KernelContext } from '../../kernel';

/** Where the part sizes come from: the attribute (opsets 1–12), the input (13+), or num_outputs too (18+). */
type Mode = 'attr' | 'input' | 'input-or-count';

function createSplit(node: Node, ctx: KernelContext, mode: Mode): Kernel {
  const axisAttr = attrInt(node, 'axis', 0);
  const attrSplit = mode === 'attr' && hasAttr(node, 'split') ? attrInts(node, 'split') : undefined;
  const numOutputs = mode === 'input-or-count' && hasAttr(node, 'num_outputs') ? attrInt(node, 'num_outputs') : undefined;
  const count = node.outputs.length;
  if (numOutputs !== undefined && numOutputs !== count) ctx.fail(`num_outputs = ${numOutputs} but the node has ${count} outputs`);
  return (inputs) => {
    const x = inputs[0];
    if (!x) throw new SimulationError(`node ${node.label}: input 0 is missing`);
    const r = x.rank;
    const axis = axisAttr < 0 ? axisAttr + r : axisAttr;
    if (axis < 0 || axis >= r) throw new SimulationError(`node ${node.label}: axis ${axisAttr} is out of range for rank ${r}`);
    const dim = x.dims[axis];
    let sizes: number[];
    const listed = inputs[1] ? readIntList(inputs[1], `node ${node.label}: split`) : attrSplit;
    // an empty split list counts as not given
    const given = listed && listed.length > 0 ? listed : undefined;
    if (given) {
      if (numOutputs !== undefined) throw new SimulationError(`node ${node.label}: give either the split input or num_outputs, not both`);
      sizes = given;
      if (sizes.length !== count) throw new SimulationError(`node ${node.label}: split has ${sizes.length} entries for ${count} outputs`);
      const sum = sizes.reduce((a, b) => a + b, 0);
      if (sizes.some((s) => s < 0) || sum !== dim) {
        throw new SimulationError(`node ${node.label}: split [${sizes.join(', ')}] does not add up to dimension ${axis} of [${x.dims.join(', ')}] (${dim})`);
      }
    } else if (numOutputs !== undefined) {
      // ceil(dim / n) each, the last part smaller (possibly empty parts at the end)
      const chunk = Math.ceil(dim / count);
      sizes = Array.from({ length: count }, (_, i) => Math.max(0, Math.min(chunk, dim - i * chunk)));
    } else {
      if (dim % count !== 0) throw new SimulationError(`node ${node.label}: dimension ${axis} of [${x.dims.join(', ')}] (${dim}) does not split into ${count} equal parts`);
      sizes = new Array<number>(count).fill(dim / count);
    }
    const outer = x.dims.slice(0, axis).reduce((a, b) => a * b, 1);
    const inner = x.dims.slice(axis + 1).reduce((a, b) => a * b, 1);
    const row = dim * inner;
    let off = 0;
    return sizes.map((s) => {
      const dims = [...x.dims];
      dims[axis] = s;
      const len = s * inner;
      const out = allocData(x.elemType, outer * len) as any;
      for (let o = 0; o < outer; o++) copyBlock(out, o * len, x.data, o * row + off, len);
      off += len;
      return new Tensor(x.elemType, dims, out);
    });
  };
}

/** Split along `axis` into the node's outputs: by `split` sizes, by num_outputs (uneven last part), or equally. */
export default [
  defineKernel({ domain: '', opType: 'Split', since: 1, create: (node, ctx) => createSplit(node, ctx, 'attr') }),
  defineKernel({ domain: '', opType: 'Split', since: 13, create: (node, ctx) => createSplit(node, ctx, 'input') }),
  defineKernel({ domain: '', opType: 'Split', since: 18, create: (node, ctx) => createSplit(node, ctx, 'input-or-count') }),
];
