import { attrInt, HW_DOMAIN, type Node, Tensor } from '@scanflow/ir';
import { readNumbers } from '../../helpers/numeric';
import type { KernelContext, KernelDefinition } from '../../kernel';
import { allocLike, countAtLeast, positiveIntAttr, readStream, readThresholds } from './hw-common';

/**
 * MVAU: for every vector x of MW channels (the last dimension), acc[r] = Σ_j W[r][j]·x[j] with
 * W [MH, MW], computed exactly. Without thresholds the output is acc; with thresholds T [MH or 1, NT]
 * it is out_bias + #{k : acc[r] ≥ T[r][k]}. Output shape: the input's with the last dimension MH.
 * Folding (pe, simd) does not change the values.
 */
function create(node: Node, ctx: KernelContext) {
  const mw = positiveIntAttr(node, ctx, 'mw');
  const mh = positiveIntAttr(node, ctx, 'mh');
  const outBias = attrInt(node, 'out_bias', 0);
  return (inputs: readonly (Tensor | undefined)[]) => {
    const [X, W, T] = inputs;
    const x = readStream(X, mw, `x '${node.inputs[0]}'`, 'mw', ctx);
    if (!W) return ctx.fail('weights W are missing');
    if (W.rank !== 2 || W.dims[0] !== mh || W.dims[1] !== mw) ctx.fail(`weights '${node.inputs[1]}' have shape [${W.dims.join(', ')}], expected [mh, mw] = [${mh}, ${mw}]`);
    const w = readNumbers(W);
    const thr = T ? readThresholds(T, mh, ctx) : undefined;
    const vectors = x.length / mw;
    const out = allocLike(X!, vectors * mh);
    for (let v = 0; v < vectors; v++) {
      const xo = v * mw;
      for (let r = 0; r < mh; r++) {
        let acc = 0;
        const wo = r * mw;
        for (let j = 0; j < mw; j++) acc += w[wo + j] * x[xo + j];
        out[v * mh + r] = thr ? outBias + countAtLeast(acc, thr.data, thr.shared ? 0 : r, thr.steps) : acc;
      }
    }
    return [new Tensor(X!.elemType, [...X!.dims.slice(0, -1), mh], out)];
  };
}

const mvau: KernelDefinition = { domain: HW_DOMAIN, opType: 'MVAU', create };
export default mvau;
