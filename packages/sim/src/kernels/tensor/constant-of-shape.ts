import { attrTensor, Tensor } from '@scanflow/ir';
import { readIntList } from '../../helpers/int-input';
import { SimulationError } from '../../errors';
import { defineKernel } from '../../kernel';

/** ConstantOfShape (opset 9+): a tensor of the given shape filled with `value` (a one-element tensor, default float32 0). */
export default defineKernel({
  domain: '',
  opType: 'ConstantOfShape',
  since: 9,
  create: (node, ctx) => {
    const value = attrTensor(node, 'value') ?? new Tensor('float32', [1], new Float32Array(1));
    if (value.data.length !== 1) ctx.fail(`attribute 'value' must hold one element, got shape [${value.dims.join(', ')}]`);
    const v = value.data[0];
    return (inputs) => {
      const s = inputs[0];
      if (!s) throw new SimulationError(`node ${node.label}: input 0 is missing`);
      const dims = readIntList(s, `node ${node.label}: shape`);
      if (dims.some((d) => d < 0)) throw new SimulationError(`node ${node.label}: shape [${dims.join(', ')}] has a negative dimension`);
      const out = Tensor.zeros(value.elemType, dims);
      (out.data as any).fill(v);
      return [out];
    };
  },
});
