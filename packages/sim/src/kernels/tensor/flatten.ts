import { attrInt } from '@scanflow/ir';
import { SimulationError } from '../../errors';
import { defineKernel } from '../../kernel';

/** Flatten: 2-D [d0·…·d(axis-1), d(axis)·…] (axis in [-rank, rank], default 1). The data is shared. */
export default defineKernel({
  domain: '',
  opType: 'Flatten',
  create: (node) => {
    const axisAttr = attrInt(node, 'axis', 1);
    return (inputs) => {
      const x = inputs[0];
      if (!x) throw new SimulationError(`node ${node.label}: input 0 is missing`);
      const r = x.rank;
      const axis = axisAttr < 0 ? axisAttr + r : axisAttr;
      if (axis < 0 || axis > r) throw new SimulationError(`node ${node.label}: axis ${axisAttr} is out of range for rank ${r}`);
      const outer = x.dims.slice(0, axis).reduce((a, b) => a * b, 1);
      const inner = x.dims.slice(axis).reduce((a, b) => a * b, 1);
      return [x.reshape([outer, inner])];
    };
  },
});
