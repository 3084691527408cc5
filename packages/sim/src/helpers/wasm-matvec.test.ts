import { describe, expect, it } from 'vitest';
import { createWasmMatvec, matvecModuleBytes } from './wasm-matvec';

/** A small deterministic generator (xorshift32), so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

/** A Float32Array view of n elements at an element offset into a larger buffer (byteOffset = 4·offset). */
function viewAt(offset: number, n: number, fill: (i: number) => number): Float32Array {
  const v = new Float32Array(new ArrayBuffer(4 * (offset + n + 3)), 4 * offset, n);
  for (let i = 0; i < n; i++) v[i] = fill(i);
  return v;
}

/** Plain left-to-right double-precision reference, rounded once to float32. */
function reference(a: Float32Array, x: Float32Array, M: number, K: number): Float32Array {
  const out = new Float32Array(M);
  for (let i = 0; i < M; i++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += a[i * K + k] * x[k];
    out[i] = s;
  }
  return out;
}

/** The distance between two adjacent float32 values around |v|. */
function ulp32(v: number): number {
  const f = Math.abs(Math.fround(v));
  if (f === 0) return 2 ** -149;
  const e = Math.floor(Math.log2(f));
  return 2 ** Math.max(e - 23, -149);
}

const engine = createWasmMatvec();

describe('wasm matvec', () => {
  it('emits a module that validates (WebAssembly SIMD is available in the supported Node versions)', () => {
    // (the workspace's TypeScript libs do not declare the WebAssembly global)
    const wasm = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly;
    expect(wasm.validate(matvecModuleBytes())).toBe(true);
    expect(engine).toBeDefined();
  });

  // Shapes with K ≡ 0, 1, 2, 3 (mod 4) exercise the four-wide loop, the pair step and the odd tail.
  const shapes: [number, number][] = [];
  for (const M of [1, 2, 3, 7, 20, 64, 65, 200]) for (const K of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 31, 40, 63, 64, 101, 200]) shapes.push([M, K]);

  it.each(shapes)('[%i×K] · x with K=%i matches the double-precision reference', (M, K) => {
    const r = rng(M * 1000 + K);
    const a = viewAt(1 + (K % 3), M * K, () => Math.fround((r() - 0.5) * 8));
    const x = viewAt(3 + (M % 2), K, () => Math.fround((r() - 0.5) * 8));
    const out = viewAt(5, M, () => NaN);
    engine!.matvecInto(a, x, out, M, K);
    const ref = reference(a, x, M, K);
    // Every float32·float32 product is exact in double; only the order of the double additions
    // differs from the reference (four partial sums instead of one). That changes the double sum by
    // at most a few units of 2^-53 relative to Σ|terms|, far below a float32 ulp unless the exact
    // sum sits right on a float32 rounding boundary, where the single rounding may then go either
    // way: so the result is the reference or its float32 neighbour, never further.
    for (let i = 0; i < M; i++) {
      expect(Math.abs(out[i] - ref[i]), `row ${i}: ${out[i]} vs ${ref[i]}`).toBeLessThanOrEqual(ulp32(ref[i]));
    }
  });

  it.each(shapes)('is exact for small integers ([%i×%i]), whatever the summation order', (M, K) => {
    const r = rng(7 + M * 31 + K);
    const a = viewAt(1, M * K, () => Math.floor(r() * 41) - 20);
    const x = viewAt(7, K, () => Math.floor(r() * 41) - 20);
    const out = new Float32Array(M);
    engine!.matvecInto(a, x, out, M, K);
    expect(Array.from(out)).toEqual(Array.from(reference(a, x, M, K)));
  });

  it('rounds the double sum once to float32 (no float32 intermediate sums)', () => {
    // 1 + 2^-24 + 2^-24: float32 partial sums would lose both small terms; the double sum is
    // 1 + 2^-23, which is exactly a float32 value.
    const a = new Float32Array([1, 2 ** -24, 2 ** -24, 0, 0, 0, 0]);
    const x = new Float32Array([1, 1, 1, 1, 1, 1, 1]);
    const out = new Float32Array(1);
    engine!.matvecInto(a, x, out, 1, 7);
    expect(out[0]).toBe(1 + 2 ** -23);
  });

  it('recopies a constant left operand when a different array (or shape) is passed', () => {
    const e = createWasmMatvec()!;
    const x = viewAt(1, 6, (i) => i + 1);
    const out = new Float32Array(4);
    const a1 = viewAt(3, 24, () => 1);
    e.matvecInto(a1, x, out, 4, 6, true);
    expect(Array.from(out)).toEqual([21, 21, 21, 21]);
    // a different array object with other contents
    const a2 = viewAt(3, 24, (i) => (i < 6 ? 2 : 0));
    e.matvecInto(a2, x, out, 4, 6, true);
    expect(Array.from(out)).toEqual([42, 0, 0, 0]);
    // the same array again, with a new x: only x is copied
    const x2 = viewAt(2, 6, () => 1);
    e.matvecInto(a2, x2, out, 4, 6, true);
    expect(Array.from(out)).toEqual([12, 0, 0, 0]);
    // the same array read with another shape
    const out2 = new Float32Array(2);
    const x3 = viewAt(0, 12, () => 1);
    e.matvecInto(a2, x3, out2, 2, 12, true);
    expect(Array.from(out2)).toEqual([12, 0]);
    // back to the first array
    e.matvecInto(a1, x, out, 4, 6, true);
    expect(Array.from(out)).toEqual([21, 21, 21, 21]);
  });

  it('copies a non-constant left operand every call, so refilling the same array is seen', () => {
    const e = createWasmMatvec()!;
    const x = viewAt(1, 6, () => 1);
    const out = new Float32Array(4);
    const a = viewAt(3, 24, () => 1);
    e.matvecInto(a, x, out, 4, 6);
    expect(Array.from(out)).toEqual([6, 6, 6, 6]);
    a.fill(2);
    e.matvecInto(a, x, out, 4, 6);
    expect(Array.from(out)).toEqual([12, 12, 12, 12]);
  });

  it('grows its memory for operands larger than the initial page', () => {
    const e = createWasmMatvec()!;
    const M = 300;
    const K = 257; // 300·257·4 bytes ≈ 300 KiB
    const r = rng(99);
    const a = viewAt(1, M * K, () => Math.floor(r() * 9) - 4);
    const x = viewAt(1, K, () => Math.floor(r() * 9) - 4);
    const out = new Float32Array(M);
    e.matvecInto(viewAt(0, 16, () => 1), viewAt(0, 4, () => 1), new Float32Array(4), 4, 4);
    e.matvecInto(a, x, out, M, K);
    expect(Array.from(out)).toEqual(Array.from(reference(a, x, M, K)));
  });
});
