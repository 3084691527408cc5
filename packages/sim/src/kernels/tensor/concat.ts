import { allocData, attrInt, Tensor } from '@scanflow/ir';
import { copyBlock } from '../../helpers/take';
import { SimulationError } from '../../errors';
import { defineKernel } from '../../kernel';

/** Concat: joins the inputs along `axis` (required from opset 4, default 1 before; negative from 11). */
export default defineKernel({
  domain: '',
  opType: 'Concat',
  create: (node, ctx) => {
    const axisAttr = attrInt(node, 'axis', ctx.opset < 4 ? 1 : undefined);
    return (inputs) => {
      const ts = inputs.map((t, i) => {
        if (!t) throw new SimulationError(`node ${node.label}: input ${i} is missing`);
        return t;
      });
      if (ts.length === 0) throw new SimulationError(`node ${node.label}: needs at least one input`);
      const first = ts[0];
      const r = first.rank;
      const axis = axisAttr < 0 ? axisAttr + r : axisAttr;
      if (axis < 0 || axis >= r) throw new SimulationError(`node ${node.label}: axis ${axisAttr} is out of range for rank ${r}`);
      let total = 0;
      for (const t of ts) {
        const same = t.rank === r && t.dims.every((d, i) => i === axis || d === first.dims[i]);
        if (t.elemType !== first.elemType || !same) {
          throw new SimulationError(
            `node ${node.label}: cannot concatenate ${t.elemType}[${t.dims.join(', ')}] with ${first.elemType}[${first.dims.join(', ')}] along axis ${axis}`,
          );
        }
        total += t.dims[axis];
      }
      const outDims = [...first.dims];
      outDims[axis] = total;
      const outer = first.dims.slice(0, axis).reduce((a, b) => a * b, 1);
      const inner = first.dims.slice(axis + 1).reduce((a, b) => a * b, 1);
      const out = allocData(first.elemType, outer * total * inner) as any;
      const rowOut = total * inner;
      let off = 0;
      for (const t of ts) {
        const len = t.dims[axis] * inner;
        const d = t.data;
        for (let o = 0; o < outer; o++) copyBlock(out, o * rowOut + off, d, o * len, len);
        off += len;
      }
      return [new Tensor(first.elemType, outDims, out)];
    };
  },
});
