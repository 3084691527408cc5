import type { Node, Tensor } from '@scanflow/ir';
import type { KernelContext } from '../../kernel';
import { fromNumbers, isRealFloatType, readNumbers } from '../../helpers/numeric';
import { defineKernelVersions } from '../../helpers/versions';

/** GlobalAveragePool: the mean over all spatial axes, X [N, C, D1..Dn] → [N, C, 1, ..., 1]. */
function create(_node: Node, ctx: KernelContext) {
  return (inputs: readonly (Tensor | undefined)[]) => {
    const X = inputs[0]!;
    if (!isRealFloatType(X.elemType)) ctx.fail(`X has type ${X.elemType}; GlobalAveragePool takes float tensors`);
    if (X.rank < 2) ctx.fail(`X must have rank >= 2 ([N, C, ...]), got [${X.dims.join(', ')}]`);
    const NC = X.dims[0] * X.dims[1];
    const S = X.dims.slice(2).reduce((p, d) => p * d, 1);
    const x = readNumbers(X);
    const y = new Float64Array(NC);
    for (let i = 0; i < NC; i++) {
      let s = 0;
      for (let k = i * S, e = k + S; k < e; k++) s += x[k];
      y[i] = s / S;
    }
    return [fromNumbers(X.elemType, [X.dims[0], X.dims[1], ...X.dims.slice(2).map(() => 1)], y)];
  };
}

export default defineKernelVersions({ domain: '', opType: 'GlobalAveragePool', create }, [1, 22]);
