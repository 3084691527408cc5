import { Tensor } from '@scanflow/ir';
import { SimulationError } from '../../errors';
import { defineKernel } from '../../kernel';

/** Size: the input's element count as an int64 scalar. */
export default defineKernel({
  domain: '',
  opType: 'Size',
  create: (node) => (inputs) => {
    const x = inputs[0];
    if (!x) throw new SimulationError(`node ${node.label}: input 0 is missing`);
    return [new Tensor('int64', [], BigInt64Array.of(BigInt(x.size)))];
  },
});
