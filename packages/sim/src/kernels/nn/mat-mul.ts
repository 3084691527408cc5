import { allocData, type ElemType, type Node, Tensor } from '@scanflow/ir';
import type { KernelContext } from '../../kernel';
import { broadcastIndex, broadcastShapes, sizeOf } from '../../helpers/broadcast';
import { matmulInt32Into, matmulInt64Into, matmulInto, RowAccumulator } from '../../helpers/matmul';
import { fromNumbers, isRealFloatType, readNumbers } from '../../helpers/numeric';
import { defineKernelVersions } from '../../helpers/versions';
import { createWasmMatvec, type WasmMatvec } from '../../helpers/wasm-matvec';

/** Below this many multiply-adds a float32 matrix–vector product stays in JS (the call overhead wins). */
const WASM_MIN_MK = 64;

/**
 * MatMul with numpy semantics: N-D operands are stacks of matrices whose batch axes broadcast; a 1-D
 * left operand is a row vector and a 1-D right operand a column vector, their unit axis removed from
 * the result. Floats accumulate in double with one rounding at the end; int32 / uint32 / int64 /
 * uint64 wrap like C integer arithmetic. Versions 1, 9, 13 differ only in types.
 */
function create(_node: Node, ctx: KernelContext) {
  const scratch = new RowAccumulator();
  const result = new RowAccumulator(); // reused double-precision result for float32 products
  let wasm: WasmMatvec | null | undefined; // created on first use; null where WebAssembly SIMD is unavailable
  let aConstant: boolean | undefined; // asked once, at the first run (see KernelContext.isConstantInput)
  return (inputs: readonly (Tensor | undefined)[]) => {
    const A = inputs[0]!;
    const B = inputs[1]!;
    if (A.elemType !== B.elemType) ctx.fail(`A is ${A.elemType} but B is ${B.elemType}`);
    if (A.rank === 0 || B.rank === 0) ctx.fail('MatMul operands must have rank >= 1');
    const t = A.elemType;
    const aDims = A.rank === 1 ? [1, A.dims[0]] : A.dims;
    const bDims = B.rank === 1 ? [B.dims[0], 1] : B.dims;
    const M = aDims[aDims.length - 2];
    const K = aDims[aDims.length - 1];
    const N = bDims[bDims.length - 1];
    if (bDims[bDims.length - 2] !== K) ctx.fail(`A [${A.dims.join(', ')}] and B [${B.dims.join(', ')}] do not agree on the inner dimension`);

    const aBatch = aDims.slice(0, -2);
    const bBatch = bDims.slice(0, -2);
    const batch = aBatch.length === 0 && bBatch.length === 0 ? [] : broadcastShapes([aBatch, bBatch], `node ${ctx.node.label}: MatMul batch axes`);
    const outDims = [...batch];
    if (A.rank > 1) outDims.push(M);
    if (B.rank > 1) outDims.push(N);

    const nb = sizeOf(batch);
    const ia = nb > 1 ? broadcastIndex(aBatch, batch) : undefined;
    const ib = nb > 1 ? broadcastIndex(bBatch, batch) : undefined;
    const mk = M * K;
    const kn = K * N;
    const mn = M * N;

    if (isRealFloatType(t)) {
      const a = readNumbers(A);
      const b = readNumbers(B);
      const total = nb * mn;
      if (t === 'float32' && N === 1 && nb === 1 && mk >= WASM_MIN_MK && a instanceof Float32Array && b instanceof Float32Array) {
        if (wasm === undefined) wasm = createWasmMatvec() ?? null;
        if (wasm) {
          const out = allocData('float32', total) as Float32Array;
          wasm.matvecInto(a, b, out, M, K, (aConstant ??= ctx.isConstantInput(0)));
          return [new Tensor(t, outDims, out)];
        }
      }
      const y = t === 'float32' ? result.get(total) : new Float64Array(total);
      if (nb === 1) matmulInto(a, 0, b, 0, y, 0, M, K, N, scratch);
      else for (let i = 0; i < nb; i++) matmulInto(a, (ia ? ia[i] : i) * mk, b, (ib ? ib[i] : i) * kn, y, i * mn, M, K, N, scratch);
      if (t === 'float32') {
        const out = allocData('float32', total) as Float32Array;
        for (let i = 0; i < total; i++) out[i] = y[i];
        return [new Tensor(t, outDims, out)];
      }
      if (t === 'float64') return [new Tensor(t, outDims, y)];
      return [fromNumbers(t, outDims, y)];
    }
    if (t === 'int32' || t === 'uint32') {
      const out = allocData(t, nb * mn) as Int32Array | Uint32Array;
      const a = A.data as Int32Array;
      const b = B.data as Int32Array;
      for (let i = 0; i < nb; i++) matmulInt32Into(a, (ia ? ia[i] : i) * mk, b, (ib ? ib[i] : i) * kn, out, i * mn, M, K, N);
      return [new Tensor(t, outDims, out)];
    }
    if (t === 'int64' || t === 'uint64') {
      const out = allocData(t, nb * mn) as BigInt64Array;
      const a = A.data as BigInt64Array;
      const b = B.data as BigInt64Array;
      for (let i = 0; i < nb; i++) matmulInt64Into(a, (ia ? ia[i] : i) * mk, b, (ib ? ib[i] : i) * kn, out, i * mn, M, K, N);
      return [new Tensor(t, outDims, out)];
    }
    return ctx.fail(`MatMul does not support ${t as ElemType} tensors`);
  };
}

export default defineKernelVersions({ domain: '', opType: 'MatMul', create }, [1, 9, 13]);
