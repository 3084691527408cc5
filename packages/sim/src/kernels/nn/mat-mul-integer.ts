import { type Node, Tensor } from '@scanflow/ir';
import type { KernelContext } from '../../kernel';
import { broadcastIndex, broadcastShapes, sizeOf } from '../../helpers/broadcast';
import { matmulInto, RowAccumulator } from '../../helpers/matmul';
import { readNumbers } from '../../helpers/numeric';
import { defineKernelVersions } from '../../helpers/versions';

/**
 * MatMulInteger (opset 10): (A − a_zero_point) · (B − b_zero_point) as int32, with MatMul's batch
 * broadcasting and 1-D rules. A zero point is a scalar (per tensor) or per row of A ([M], or
 * [..., M, 1]) / per column of B ([N], or [..., 1, N]). Products of 8-bit values summed in double are
 * exact, and stored with 32-bit wrap-around.
 */
function create(_node: Node, ctx: KernelContext) {
  const scratch = new RowAccumulator();

  /** X − zp as doubles; `rowAxis` says a 1-D zero point runs along the second-to-last axis. */
  const shifted = (X: Tensor, zp: Tensor | undefined, what: string, rowAxis: boolean): ArrayLike<number> => {
    const x = readNumbers(X);
    if (!zp) return x;
    if (zp.elemType !== X.elemType) ctx.fail(`${what}_zero_point is ${zp.elemType} but ${what} is ${X.elemType}`);
    const z = readNumbers(zp);
    const out = new Float64Array(x.length);
    if (zp.size === 1) {
      for (let i = 0; i < out.length; i++) out[i] = x[i] - z[0];
      return out;
    }
    let zDims = zp.dims;
    if (rowAxis && zp.rank === 1 && X.rank >= 2) zDims = [zp.dims[0], 1];
    const shape = broadcastShapes([X.dims, zDims], `node ${ctx.node.label}: ${what}_zero_point`);
    if (shape.length !== X.rank || shape.some((d, i) => d !== X.dims[i])) ctx.fail(`${what}_zero_point [${zp.dims.join(', ')}] does not fit ${what} [${X.dims.join(', ')}]`);
    const iz = broadcastIndex(zDims, X.dims);
    for (let i = 0; i < out.length; i++) out[i] = x[i] - z[iz ? iz[i] : i];
    return out;
  };

  return (inputs: readonly (Tensor | undefined)[]) => {
    const A = inputs[0]!;
    const B = inputs[1]!;
    for (const [T, n] of [[A, 'A'], [B, 'B']] as const) {
      if (T.elemType !== 'int8' && T.elemType !== 'uint8') ctx.fail(`${n} has type ${T.elemType}; MatMulInteger takes int8 / uint8`);
      if (T.rank === 0) ctx.fail(`${n} must have rank >= 1`);
    }
    const a = shifted(A, inputs[2], 'a', true);
    const b = shifted(B, inputs[3], 'b', false);
    const aDims = A.rank === 1 ? [1, A.dims[0]] : A.dims;
    const bDims = B.rank === 1 ? [B.dims[0], 1] : B.dims;
    const M = aDims[aDims.length - 2];
    const K = aDims[aDims.length - 1];
    const N = bDims[bDims.length - 1];
    if (bDims[bDims.length - 2] !== K) ctx.fail(`A [${A.dims.join(', ')}] and B [${B.dims.join(', ')}] do not agree on the inner dimension`);
    const aBatch = aDims.slice(0, -2);
    const bBatch = bDims.slice(0, -2);
    const batch = broadcastShapes([aBatch, bBatch], `node ${ctx.node.label}: MatMulInteger batch axes`);
    const nb = sizeOf(batch);
    const ia = broadcastIndex(aBatch, batch);
    const ib = broadcastIndex(bBatch, batch);
    const y = new Float64Array(nb * M * N);
    for (let i = 0; i < nb; i++) matmulInto(a, (ia ? ia[i] : i) * M * K, b, (ib ? ib[i] : i) * K * N, y, i * M * N, M, K, N, scratch);
    const out = new Int32Array(y.length);
    for (let i = 0; i < y.length; i++) out[i] = y[i] | 0;
    const outDims = [...batch];
    if (A.rank > 1) outDims.push(M);
    if (B.rank > 1) outDims.push(N);
    return [new Tensor('int32', outDims, out)];
  };
}

export default defineKernelVersions({ domain: '', opType: 'MatMulInteger', create }, [10]);
