import { attrInt, HW_DOMAIN, type Node, Tensor } from '@scanflow/ir';
import type { KernelContext, KernelDefinition } from '../../kernel';
import { allocLike, countAtLeast, positiveIntAttr, readStream, readThresholds } from './hw-common';

/**
 * Thresholding: y = out_bias + #{k : x ≥ T[c][k]} for every element of channel c (the last
 * dimension). T is [C, NT] (per channel) or [1, NT] (shared).
 */
function create(node: Node, ctx: KernelContext) {
  const channels = positiveIntAttr(node, ctx, 'channels');
  const outBias = attrInt(node, 'out_bias', 0);
  return (inputs: readonly (Tensor | undefined)[]) => {
    const [X, T] = inputs;
    const x = readStream(X, channels, `x '${node.inputs[0]}'`, 'channels', ctx);
    if (!T) return ctx.fail('thresholds T are missing');
    const thr = readThresholds(T, channels, ctx);
    const out = allocLike(X!, x.length);
    for (let i = 0; i < x.length; i++) {
      out[i] = outBias + countAtLeast(x[i], thr.data, thr.shared ? 0 : i % channels, thr.steps);
    }
    return [new Tensor(X!.elemType, X!.dims, out)];
  };
}

const thresholding: KernelDefinition = { domain: HW_DOMAIN, opType: 'Thresholding', create };
export default thresholding;
