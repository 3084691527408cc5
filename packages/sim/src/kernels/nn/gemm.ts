import { attrFloat, attrInt, type Node, type Tensor } from '@scanflow/ir';
import type { KernelContext } from '../../kernel';
import { matmulInto, matmulTransBInto, RowAccumulator, transpose2d } from '../../helpers/matmul';
import { fromNumbers, isRealFloatType, readNumbers } from '../../helpers/numeric';
import { defineKernelVersions } from '../../helpers/versions';

/**
 * Gemm: Y = alpha · A' · B' + beta · C, with A' = transA ? Aᵀ : A ([M, K]) and B' = transB ? Bᵀ : B
 * ([K, N]); C broadcasts unidirectionally to [M, N] (optional since 11; the opset-6 `broadcast`
 * attribute is accepted and broadcasting always applies). Everything in double, one rounding.
 */
function create(node: Node, ctx: KernelContext) {
  const transA = attrInt(node, 'transA', 0) !== 0;
  const transB = attrInt(node, 'transB', 0) !== 0;
  const alpha = attrFloat(node, 'alpha', 1);
  const beta = attrFloat(node, 'beta', 1);
  const scratch = new RowAccumulator();
  // When B is an initializer (the usual FC layer), keep its transpose between runs and use the
  // faster row-accumulating product; otherwise take dot products along B's rows.
  const bConstant = ctx.graph.initializers.has(node.inputs[1]);
  let lastB: Tensor | undefined;
  let lastBt: ArrayLike<number> = [];
  return (inputs: readonly (Tensor | undefined)[]) => {
    const A = inputs[0]!;
    const B = inputs[1]!;
    const C = inputs[2];
    if (!isRealFloatType(A.elemType)) ctx.fail(`A has type ${A.elemType}; Gemm takes float tensors`);
    if (A.rank !== 2 || B.rank !== 2) ctx.fail(`A [${A.dims.join(', ')}] and B [${B.dims.join(', ')}] must be matrices`);
    const [M, K] = transA ? [A.dims[1], A.dims[0]] : A.dims;
    const [K2, N] = transB ? [B.dims[1], B.dims[0]] : B.dims;
    if (K !== K2) ctx.fail(`A' [${M}, ${K}] and B' [${K2}, ${N}] do not agree on the inner dimension (transA=${+transA}, transB=${+transB})`);
    let a = readNumbers(A);
    const b = readNumbers(B);
    if (transA) a = transpose2d(a, K, M);
    const y = new Float64Array(M * N);
    if (transB && !bConstant) {
      matmulTransBInto(a, 0, b, 0, y, 0, M, K, N);
    } else if (transB) {
      if (B !== lastB) {
        lastBt = transpose2d(b, N, K);
        lastB = B;
      }
      matmulInto(a, 0, lastBt, 0, y, 0, M, K, N, scratch);
    } else matmulInto(a, 0, b, 0, y, 0, M, K, N, scratch);
    if (alpha !== 1) for (let i = 0; i < y.length; i++) y[i] *= alpha;
    if (C && beta !== 0) {
      // unidirectional broadcast to [M, N]: a scalar, a row ([N] or [1, N]), a column ([M, 1]) or [M, N]
      const c = readNumbers(C);
      const cd = C.rank === 2 ? C.dims : C.rank === 1 ? [1, C.dims[0]] : C.rank === 0 ? [1, 1] : [];
      const rowStep = cd[0] === M ? cd[1] : cd[0] === 1 ? 0 : -1;
      const colStep = cd[1] === N ? 1 : cd[1] === 1 ? 0 : -1;
      if (rowStep < 0 || colStep < 0) ctx.fail(`C [${C.dims.join(', ')}] does not broadcast to [${M}, ${N}]`);
      for (let i = 0; i < M; i++) {
        const cr = i * rowStep;
        const yr = i * N;
        for (let j = 0; j < N; j++) y[yr + j] += beta * c[cr + j * colStep];
      }
    }
    return [fromNumbers(A.elemType, [M, N], y)];
  };
}

export default defineKernelVersions({ domain: '', opType: 'Gemm', create }, [1, 6, 7, 9, 11, 13]);
