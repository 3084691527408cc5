import { castTensor } from '../../helpers/cast-values';
import { requireInputs } from '../../helpers/binary-kernel';
import { defineKernel } from '../../kernel';
import { castOptions } from './cast';

/** CastLike (opset 15+): Cast to the element type of the second input (whose values are not read). */
export default defineKernel({
  domain: '',
  opType: 'CastLike',
  since: 15,
  create: (node, ctx) => {
    const options = castOptions(node, ctx);
    return (inputs) => {
      const [x, like] = requireInputs(inputs, 2, node);
      return [castTensor(x, like.elemType, options)];
    };
  },
});
