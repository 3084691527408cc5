import { type Node, QONNX_DOMAIN, Tensor } from '@scanflow/ir';
import type { KernelContext, KernelDefinition } from '../../kernel';
import { broadcastIndex, broadcastShapes, sizeOf } from '../../helpers/broadcast';
import { fromNumbers, readNumbers } from '../../helpers/numeric';

/** QONNX BipolarQuant: y = scale · (x ≥ 0 ? +1 : −1); zero (of either sign) maps to +scale. */
function create(node: Node, ctx: KernelContext) {
  return (inputs: readonly (Tensor | undefined)[]) => {
    const [X, S] = inputs;
    if (!X || !S) return ctx.fail('needs inputs x and scale');
    if (X.elemType !== 'float32' && X.elemType !== 'float64') ctx.fail(`x has type ${X.elemType}; BipolarQuant takes float32 (or float64) tensors`);
    const shape = broadcastShapes([X.dims, S.dims], `node ${node.label}: x and scale`);
    const n = sizeOf(shape);
    const ix = broadcastIndex(X.dims, shape);
    const is = broadcastIndex(S.dims, shape);
    const x = readNumbers(X);
    const s = readNumbers(S);
    const y = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const sv = s[is ? is[k] : k];
      y[k] = x[ix ? ix[k] : k] >= 0 ? sv : -sv;
    }
    return [X.elemType === 'float32' ? new Tensor('float32', shape, Float32Array.from(y)) : fromNumbers(X.elemType, shape, y)];
  };
}

const bipolarQuant: KernelDefinition = { domain: QONNX_DOMAIN, opType: 'BipolarQuant', create };
export default bipolarQuant;
