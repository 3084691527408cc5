import { attrInts, type Node, type Tensor } from '@scanflow/ir';
import { readIntList } from '../../helpers/int-input';
import { SimulationError } from '../../errors';
import { defineKernel } from '../../kernel';

function unsqueeze(node: Node, x: Tensor, axes: readonly number[]): Tensor {
  const r = x.rank + axes.length;
  const ones = new Set<number>();
  for (const a of axes) {
    const ax = a < 0 ? a + r : a;
    if (ax < 0 || ax >= r) throw new SimulationError(`node ${node.label}: axis ${a} is out of range for output rank ${r}`);
    if (ones.has(ax)) throw new SimulationError(`node ${node.label}: axis ${a} is listed twice in [${axes.join(', ')}]`);
    ones.add(ax);
  }
  const dims: number[] = [];
  let k = 0;
  for (let i = 0; i < r; i++) dims.push(ones.has(i) ? 1 : x.dims[k++]);
  return x.reshape(dims);
}

/** Unsqueeze: inserts size-1 axes at the listed positions of the output (any order). The data is shared. */
export default [
  // opsets 1–12: `axes` attribute
  defineKernel({
    domain: '',
    opType: 'Unsqueeze',
    since: 1,
    create: (node) => {
      const axes = attrInts(node, 'axes');
      return (inputs) => {
        if (!inputs[0]) throw new SimulationError(`node ${node.label}: input 0 is missing`);
        return [unsqueeze(node, inputs[0], axes)];
      };
    },
  }),
  // opset 13+: `axes` input
  defineKernel({
    domain: '',
    opType: 'Unsqueeze',
    since: 13,
    create: (node) => (inputs) => {
      if (!inputs[0]) throw new SimulationError(`node ${node.label}: input 0 is missing`);
      if (!inputs[1]) throw new SimulationError(`node ${node.label}: the axes input is missing`);
      return [unsqueeze(node, inputs[0], readIntList(inputs[1], `node ${node.label}: axes`, { allowScalar: true }))];
    },
  }),
];
