import { HW_DOMAIN, type Node, Tensor } from '@scanflow/ir';
import { readNumbers } from '../../helpers/numeric';
import type { KernelContext, KernelDefinition } from '../../kernel';
import { allocLike, positiveIntAttr, readStream } from './hw-common';

type BinaryOp = (a: number, b: number) => number;

/**
 * ElementwiseAdd / ElementwiseMul on a stream a [..., C]: b is a stream of the same shape, or a
 * constant [C] (per channel) or [1] (scalar). Exact integer arithmetic.
 */
function createFor(op: BinaryOp) {
  return (node: Node, ctx: KernelContext) => {
    const channels = positiveIntAttr(node, ctx, 'channels');
    return (inputs: readonly (Tensor | undefined)[]) => {
      const [A, B] = inputs;
      const a = readStream(A, channels, `a '${node.inputs[0]}'`, 'channels', ctx);
      if (!B) return ctx.fail('input b is missing');
      const b = readNumbers(B);
      const sameShape = B.rank === A!.rank && B.dims.every((d, k) => d === A!.dims[k]);
      const perChannel = !sameShape && B.rank === 1 && B.dims[0] === channels;
      const scalar = !sameShape && B.rank === 1 && B.dims[0] === 1;
      if (!sameShape && !perChannel && !scalar) {
        ctx.fail(`input b '${node.inputs[1]}' has shape [${B.dims.join(', ')}], expected the shape of a [${A!.dims.join(', ')}], [${channels}] or [1]`);
      }
      const out = allocLike(A!, a.length);
      for (let i = 0; i < a.length; i++) out[i] = op(a[i], b[sameShape ? i : perChannel ? i % channels : 0]);
      return [new Tensor(A!.elemType, A!.dims, out)];
    };
  };
}

export const elementwiseAdd: KernelDefinition = { domain: HW_DOMAIN, opType: 'ElementwiseAdd', create: createFor((a, b) => a + b) };
export const elementwiseMul: KernelDefinition = { domain: HW_DOMAIN, opType: 'ElementwiseMul', create: createFor((a, b) => a * b) };
export default [elementwiseAdd, elementwiseMul];
