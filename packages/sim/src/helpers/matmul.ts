/**
 * Dense matrix products on flat row-major arrays, accumulated in double into a Float64Array (the
 * caller rounds once to its output type). Loop order i-k-j over a reusable
 * row accumulator; a dot-product path for single-column right operands and for transposed B.
 */

type Num = ArrayLike<number>;
/** Outputs are always Float64Array: one container type keeps these hot functions monomorphic. */
type Out = Float64Array;

/** A reusable row accumulator, owned by one kernel instance (see `matmulInto`). */
export class RowAccumulator {
  private buf = new Float64Array(64);
  get(n: number): Float64Array {
    if (this.buf.length < n) this.buf = new Float64Array(Math.max(n, 2 * this.buf.length));
    return this.buf;
  }
}

/**
 * out[o + i*N + j] = Σ_k a[ao + i*K + k] · b[bo + k*N + j] for an [M, K] × [K, N] product. `scratch`
 * provides the row accumulator (one per kernel instance, so nothing is allocated per call).
 */
export function matmulInto(a: Num, ao: number, b: Num, bo: number, out: Out, o: number, M: number, K: number, N: number, scratch: RowAccumulator): void {
  if (N === 1) {
    for (let i = 0; i < M; i++) out[o + i] = dot(a, ao + i * K, b, bo, K);
    return;
  }
  const acc = scratch.get(N);
  for (let i = 0; i < M; i++) {
    acc.fill(0, 0, N);
    const ar = ao + i * K;
    let k = 0;
    // four rows of B per pass: a quarter of the accumulator traffic
    for (; k + 3 < K; k += 4) {
      const a0 = a[ar + k];
      const a1 = a[ar + k + 1];
      const a2 = a[ar + k + 2];
      const a3 = a[ar + k + 3];
      const b0 = bo + k * N;
      const b1 = b0 + N;
      const b2 = b1 + N;
      const b3 = b2 + N;
      for (let j = 0; j < N; j++) acc[j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
    }
    for (; k < K; k++) {
      const av = a[ar + k];
      const br = bo + k * N;
      for (let j = 0; j < N; j++) acc[j] += av * b[br + j];
    }
    const or = o + i * N;
    for (let j = 0; j < N; j++) out[or + j] = acc[j];
  }
}

/** Σ_k x[xo + k] · y[yo + k] in double, with four independent partial sums. */
export function dot(x: Num, xo: number, y: Num, yo: number, K: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < K; k += 4) {
    s0 += x[xo + k] * y[yo + k];
    s1 += x[xo + k + 1] * y[yo + k + 1];
    s2 += x[xo + k + 2] * y[yo + k + 2];
    s3 += x[xo + k + 3] * y[yo + k + 3];
  }
  for (; k < K; k++) s0 += x[xo + k] * y[yo + k];
  return s0 + s1 + (s2 + s3);
}

/** out[o + i*N + j] = Σ_k a[ao + i*K + k] · bt[bo + j*K + k]: an [M, K] × [N, K]ᵀ product. */
export function matmulTransBInto(a: Num, ao: number, bt: Num, bo: number, out: Out, o: number, M: number, K: number, N: number): void {
  for (let i = 0; i < M; i++) {
    const ar = ao + i * K;
    const or = o + i * N;
    for (let j = 0; j < N; j++) out[or + j] = dot(a, ar, bt, bo + j * K, K);
  }
}

/** The transpose of a row-major [R, C] matrix, as a new [C, R] array (Float32Array in, Float32Array out; else Float64Array). */
export function transpose2d(a: Num, R: number, C: number): Float32Array | Float64Array {
  const t = a instanceof Float32Array ? new Float32Array(R * C) : new Float64Array(R * C);
  for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) t[c * R + r] = a[r * C + c];
  return t;
}

/**
 * Integer [M, K] × [K, N] product with two's-complement wrap-around at 32 bits (int32 / uint32
 * MatMul): exact, whatever the magnitude of the products.
 */
export function matmulInt32Into(a: Num, ao: number, b: Num, bo: number, out: Int32Array | Uint32Array, o: number, M: number, K: number, N: number): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s = (s + Math.imul(a[ao + i * K + k], b[bo + k * N + j])) | 0;
      out[o + i * N + j] = s;
    }
  }
}

/** The same for 64-bit integers (BigInt64Array / BigUint64Array containers), wrapping at 64 bits. */
export function matmulInt64Into(
  a: BigInt64Array | BigUint64Array,
  ao: number,
  b: BigInt64Array | BigUint64Array,
  bo: number,
  out: BigInt64Array | BigUint64Array,
  o: number,
  M: number,
  K: number,
  N: number,
): void {
  const unsigned = out instanceof BigUint64Array;
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0n;
      for (let k = 0; k < K; k++) s += a[ao + i * K + k] * b[bo + k * N + j];
      out[o + i * N + j] = unsigned ? BigInt.asUintN(64, s) : BigInt.asIntN(64, s);
    }
  }
}
