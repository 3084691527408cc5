import { attrInts, hasAttr, type Node, type Tensor } from '@scanflow/ir';
import { readIntList } from '../../helpers/int-input';
import { SimulationError } from '../../errors';
import { defineKernel } from '../../kernel';

function squeeze(node: Node, x: Tensor, axes: readonly number[] | undefined): Tensor {
  const r = x.rank;
  // no axes (or an empty list): every size-1 axis
  if (!axes || axes.length === 0) return x.reshape(x.dims.filter((d) => d !== 1));
  const drop = new Set<number>();
  for (const a of axes) {
    const ax = a < 0 ? a + r : a;
    if (ax < 0 || ax >= r) throw new SimulationError(`node ${node.label}: axis ${a} is out of range for rank ${r}`);
    if (x.dims[ax] !== 1) throw new SimulationError(`node ${node.label}: cannot squeeze axis ${a} of [${x.dims.join(', ')}]: its size is ${x.dims[ax]}, not 1`);
    drop.add(ax);
  }
  return x.reshape(x.dims.filter((_, i) => !drop.has(i)));
}

/** Squeeze: removes the listed size-1 axes, or every size-1 axis when none are listed. The data is shared. */
export default [
  // opsets 1–12: `axes` attribute
  defineKernel({
    domain: '',
    opType: 'Squeeze',
    since: 1,
    create: (node) => {
      const axes = hasAttr(node, 'axes') ? attrInts(node, 'axes') : undefined;
      return (inputs) => {
        if (!inputs[0]) throw new SimulationError(`node ${node.label}: input 0 is missing`);
        return [squeeze(node, inputs[0], axes)];
      };
    },
  }),
  // opset 13+: optional `axes` input
  defineKernel({
    domain: '',
    opType: 'Squeeze',
    since: 13,
    create: (node) => (inputs) => {
      if (!inputs[0]) throw new SimulationError(`node ${node.label}: input 0 is missing`);
      const axes = inputs[1] ? readIntList(inputs[1], `node ${node.label}: axes`, { allowScalar: true }) : undefined;
      return [squeeze(node, inputs[0], axes)];
    },
  }),
];
