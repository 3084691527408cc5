import { attrInt, type Node, type Tensor } from '@scanflow/ir';
import type { Kernel, KernelContext } from '../kernel';
import { normalizeAxis } from './broadcast';
import { fromNumbers, isRealFloatType, readNumbers } from './numeric';

/**
 * The Softmax / LogSoftmax kernel body. Before opset 13 the input is coerced to 2-D at `axis`
 * (default 1): [prod(dims[:axis]), prod(dims[axis:])], normalised along the second axis. From opset 13
 * the op works along the single axis `axis` (default -1). Max-subtracted, computed in double.
 */
export function createSoftmax(node: Node, ctx: KernelContext, log: boolean): Kernel {
  const coerce2d = ctx.opset < 13;
  const axisAttr = attrInt(node, 'axis', coerce2d ? 1 : -1);
  return (inputs) => {
    const X = inputs[0]!;
    if (!isRealFloatType(X.elemType)) ctx.fail(`input has type ${X.elemType}; ${node.opType} takes float tensors`);
    const dims = X.rank === 0 ? [1] : X.dims;
    let axis: number;
    try {
      axis = coerce2d ? (axisAttr < 0 ? axisAttr + dims.length : axisAttr) : normalizeAxis(axisAttr, dims.length);
    } catch (e) {
      return ctx.fail((e as Error).message);
    }
    if (coerce2d && (axis < 0 || axis > dims.length)) ctx.fail(`axis ${axisAttr} is out of range for rank ${dims.length}`);
    const outer = dims.slice(0, axis).reduce((p, d) => p * d, 1);
    const len = coerce2d ? dims.slice(axis).reduce((p, d) => p * d, 1) : dims[axis];
    const inner = coerce2d ? 1 : dims.slice(axis + 1).reduce((p, d) => p * d, 1);
    const x = readNumbers(X);
    const y = new Float64Array(x.length);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * len * inner + i;
        let max = -Infinity;
        for (let k = 0; k < len; k++) {
          const v = x[base + k * inner];
          if (v > max || v !== v) max = v;
        }
        let sum = 0;
        for (let k = 0; k < len; k++) {
          const e = Math.exp(x[base + k * inner] - max);
          y[base + k * inner] = e;
          sum += e;
        }
        if (log) {
          const ls = Math.log(sum);
          for (let k = 0; k < len; k++) y[base + k * inner] = x[base + k * inner] - max - ls;
        } else {
          for (let k = 0; k < len; k++) y[base + k * inner] /= sum;
        }
      }
    }
    return [fromNumbers(X.elemType, X.dims, y)];
  };
}
