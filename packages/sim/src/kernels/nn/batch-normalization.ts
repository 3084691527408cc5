import { attrFloat, attrInt, type Node, type Tensor } from '@scanflow/ir';
import type { KernelContext } from '../../kernel';
import { fromNumbers, isRealFloatType, readNumbers } from '../../helpers/numeric';
import { defineKernelVersions } from '../../helpers/versions';

/**
 * BatchNormalization: Y = scale · (X − mean) / sqrt(var + epsilon) + B, per channel (axis 1).
 *
 * - Before opset 9, `spatial = 0` makes scale / B / mean / var per activation ([C, D1, ..., Dn]).
 * - Opset 14+ `training_mode = 1`: normalise with the batch statistics (mean and population variance
 *   over every axis but 1) and also output running_mean / running_var =
 *   input · momentum + batch statistic · (1 − momentum).
 * - Opset 15 lets scale / B and mean / var have float types other than X's.
 * Otherwise (inference) only Y is produced. Computed in double, one rounding per output.
 */
function create(node: Node, ctx: KernelContext) {
  const epsilon = attrFloat(node, 'epsilon', 1e-5);
  const momentum = attrFloat(node, 'momentum', 0.9);
  const spatial = ctx.opset < 9 ? attrInt(node, 'spatial', 1) !== 0 : true;
  const training = ctx.opset >= 14 && attrInt(node, 'training_mode', 0) !== 0;

  return (inputs: readonly (Tensor | undefined)[]) => {
    const X = inputs[0]!;
    const params = inputs.slice(1, 5) as Tensor[];
    if (params.length < 4 || params.some((p) => !p)) ctx.fail('needs inputs X, scale, B, mean and var');
    if (!isRealFloatType(X.elemType)) ctx.fail(`X has type ${X.elemType}; BatchNormalization takes float tensors`);
    if (X.rank < 2) ctx.fail(`X must have rank >= 2 ([N, C, ...]), got [${X.dims.join(', ')}]`);
    const N = X.dims[0];
    const C = X.dims[1];
    const S = X.dims.slice(2).reduce((p, d) => p * d, 1);
    // Per-channel parameters cover C values; per-activation ones (spatial = 0) cover C * S.
    const P = spatial ? C : C * S;
    for (const [p, name] of params.map((t, i) => [t, ['scale', 'B', 'mean', 'var'][i]] as const)) {
      if (p.size !== P) ctx.fail(`${name} has shape [${p.dims.join(', ')}], expected ${P} values (${spatial ? '[C]' : '[C, D1, ...]'})`);
    }
    const x = readNumbers(X);
    const [scale, bias, mean0, var0] = params.map(readNumbers);
    let mean = mean0;
    let variance = var0;
    let runMean: Float64Array | undefined;
    let runVar: Float64Array | undefined;
    if (training) {
      const bm = new Float64Array(C);
      const bv = new Float64Array(C);
      const count = N * S;
      for (let n = 0; n < N; n++) for (let c = 0; c < C; c++) for (let s = 0, o = (n * C + c) * S; s < S; s++) bm[c] += x[o + s];
      for (let c = 0; c < C; c++) bm[c] /= count;
      for (let n = 0; n < N; n++) {
        for (let c = 0; c < C; c++) {
          for (let s = 0, o = (n * C + c) * S; s < S; s++) {
            const d = x[o + s] - bm[c];
            bv[c] += d * d;
          }
        }
      }
      for (let c = 0; c < C; c++) bv[c] /= count;
      runMean = new Float64Array(C);
      runVar = new Float64Array(C);
      for (let c = 0; c < C; c++) {
        runMean[c] = mean0[c] * momentum + bm[c] * (1 - momentum);
        runVar[c] = var0[c] * momentum + bv[c] * (1 - momentum);
      }
      mean = bm;
      variance = bv;
    }
    const y = new Float64Array(x.length);
    for (let n = 0; n < N; n++) {
      for (let c = 0; c < C; c++) {
        const o = (n * C + c) * S;
        if (spatial) {
          const k = scale[c] / Math.sqrt(variance[c] + epsilon);
          const m = mean[c];
          const b = bias[c];
          for (let s = 0; s < S; s++) y[o + s] = (x[o + s] - m) * k + b;
        } else {
          for (let s = 0; s < S; s++) {
            const p = c * S + s;
            y[o + s] = (scale[p] * (x[o + s] - mean[p])) / Math.sqrt(variance[p] + epsilon) + bias[p];
          }
        }
      }
    }
    const Y = fromNumbers(X.elemType, X.dims, y);
    if (!training) return [Y];
    return [Y, fromNumbers(params[2].elemType, params[2].dims, runMean!), fromNumbers(params[3].elemType, params[3].dims, runVar!)];
  };
}

export default defineKernelVersions({ domain: '', opType: 'BatchNormalization', create }, [1, 6, 7, 9, 14, 15]);
