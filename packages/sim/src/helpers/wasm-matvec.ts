/**
 * A float32 matrix–vector product in WebAssembly SIMD, for MatMul's [M, K] × [K, 1] case (the
 * per-step products of recurrent cells). The module is a handful of bytes emitted below (no build
 * step, no dependency) and exports one function and its memory:
 *
 *   matvec(aPtr, xPtr, outPtr, M, K): out_f32[i] = f32(Σ_k f64(a[i*K + k]) · f64(x[k]))
 *
 * Every product of two float32 values is exact in double; the sum is accumulated in double (four
 * f64x2 accumulators, so the order of the additions differs from a left-to-right sum) and rounded
 * to float32 once, exactly as the JS path does. `createWasmMatvec()` returns undefined where
 * WebAssembly SIMD is unavailable, and callers keep their JS path.
 */

// ---- a tiny WebAssembly byte emitter -------------------------------------------------------------

/** Unsigned LEB128. */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function name(s: string): number[] {
  return [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
}

const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;

/** Instructions used below (core and SIMD opcodes of the WebAssembly 2.0 specification). */
const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  end: [0x0b],
  br: (d: number) => [0x0c, ...uleb(d)],
  brIf: (d: number) => [0x0d, ...uleb(d)],
  get: (l: number) => [0x20, ...uleb(l)],
  set: (l: number) => [0x21, ...uleb(l)],
  i32: (v: number) => [0x41, ...uleb(v)], // small non-negative constants only (< 64)
  i32Minus32: [0x41, 0x60], // i32.const -32 (signed LEB128)
  i32Eqz: [0x45],
  i32Add: [0x6a],
  i32Mul: [0x6c],
  i32And: [0x71],
  i32Shl: [0x74],
  i32GeU: [0x4f],
  i32LtS: [0x48],
  f32Load: (offset: number) => [0x2a, 2, ...uleb(offset)],
  f32Store: [0x38, 2, 0],
  f64Add: [0xa0],
  f64Mul: [0xa2],
  f32DemoteF64: [0xb6],
  f64PromoteF32: [0xbb],
  v128Zero: [0xfd, 0x0c, ...new Array<number>(16).fill(0)],
  v128Load64Zero: (offset: number) => [0xfd, 0x5d, 3, ...uleb(offset)],
  f64x2PromoteLow: [0xfd, 0x5f],
  f64x2ExtractLane: (lane: number) => [0xfd, 0x21, lane],
  f64x2Add: [0xfd, ...uleb(0xf0)],
  f64x2Mul: [0xfd, ...uleb(0xf2)],
};

// parameters and locals of `matvec`
const A = 0; // byte address of row 0 of A
const X = 1;
const OUT = 2;
const M = 3;
const K = 4;
const I = 5; // row index
const PA = 6; // byte address in the current row of A
const PX = 7; // byte address in x
const END = 8; // end of the four-at-a-time part of the current row
const ACC0 = 9; // v128 (four accumulators: four independent chains of f64x2.add)
const ACC1 = 10;
const ACC2 = 11;
const ACC3 = 12;
const S = 13; // f64

/** acc += promote(load2(pa + off)) · promote(load2(px + off)) */
function pairInto(acc: number, off: number): number[] {
  return [
    ...op.get(acc),
    ...op.get(PA),
    ...op.v128Load64Zero(off),
    ...op.f64x2PromoteLow,
    ...op.get(PX),
    ...op.v128Load64Zero(off),
    ...op.f64x2PromoteLow,
    ...op.f64x2Mul,
    ...op.f64x2Add,
    ...op.set(acc),
  ];
}

function advance(bytes: number): number[] {
  return [...op.get(PA), ...op.i32(bytes), ...op.i32Add, ...op.set(PA), ...op.get(PX), ...op.i32(bytes), ...op.i32Add, ...op.set(PX)];
}

function matvecBody(): number[] {
  const code = [
    // for (i = 0; i < M; i++, A += 4K)
    ...op.block,
    ...op.loop,
    ...op.get(I), ...op.get(M), ...op.i32LtS, ...op.i32Eqz, ...op.brIf(1),
    ...op.v128Zero, ...op.set(ACC0),
    ...op.v128Zero, ...op.set(ACC1),
    ...op.v128Zero, ...op.set(ACC2),
    ...op.v128Zero, ...op.set(ACC3),
    ...op.get(A), ...op.set(PA),
    ...op.get(X), ...op.set(PX),
    // END = A + 4 · (K & ~7)
    ...op.get(A), ...op.get(K), ...op.i32(2), ...op.i32Shl, ...op.i32Minus32, ...op.i32And, ...op.i32Add, ...op.set(END),
    // eight elements per pass, four f64x2 accumulators
    ...op.block,
    ...op.loop,
    ...op.get(PA), ...op.get(END), ...op.i32GeU, ...op.brIf(1),
    ...pairInto(ACC0, 0),
    ...pairInto(ACC1, 8),
    ...pairInto(ACC2, 16),
    ...pairInto(ACC3, 24),
    ...advance(32),
    ...op.br(0),
    ...op.end,
    ...op.end,
    // four more when K & 4, two more when K & 2
    ...op.get(K), ...op.i32(4), ...op.i32And,
    ...op.if,
    ...pairInto(ACC0, 0),
    ...pairInto(ACC1, 8),
    ...advance(16),
    ...op.end,
    ...op.get(K), ...op.i32(2), ...op.i32And,
    ...op.if,
    ...pairInto(ACC2, 0),
    ...advance(8),
    ...op.end,
    // s = ((acc0 + acc1) + (acc2 + acc3)), then its two lanes
    ...op.get(ACC0), ...op.get(ACC1), ...op.f64x2Add,
    ...op.get(ACC2), ...op.get(ACC3), ...op.f64x2Add,
    ...op.f64x2Add, ...op.set(ACC0),
    ...op.get(ACC0), ...op.f64x2ExtractLane(0), ...op.get(ACC0), ...op.f64x2ExtractLane(1), ...op.f64Add, ...op.set(S),
    // the last one when K is odd
    ...op.get(K), ...op.i32(1), ...op.i32And,
    ...op.if,
    ...op.get(S),
    ...op.get(PA), ...op.f32Load(0), ...op.f64PromoteF32,
    ...op.get(PX), ...op.f32Load(0), ...op.f64PromoteF32,
    ...op.f64Mul, ...op.f64Add, ...op.set(S),
    ...op.end,
    // out[i] = f32(s)
    ...op.get(OUT), ...op.get(I), ...op.i32(4), ...op.i32Mul, ...op.i32Add,
    ...op.get(S), ...op.f32DemoteF64,
    ...op.f32Store,
    // next row
    ...op.get(I), ...op.i32(1), ...op.i32Add, ...op.set(I),
    ...op.get(A), ...op.get(K), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(A),
    ...op.br(0),
    ...op.end,
    ...op.end,
    ...op.end, // function
  ];
  const locals = vec([
    [4, I32],
    [4, V128],
    [1, F64],
  ]);
  return [...locals, ...code];
}

/** The module's bytes: one function `matvec`, one exported memory `mem` (one page to start). */
export function matvecModuleBytes(): Uint8Array {
  const body = matvecBody();
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32]]), 0x00]])), // type: (i32 ×5) → ()
    ...section(3, vec([[0]])), // function 0 has type 0
    ...section(5, vec([[0x00, 1]])), // memory: min 1 page, no maximum
    ...section(7, vec([[...name('matvec'), 0x00, 0], [...name('mem'), 0x02, 0]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ];
  return Uint8Array.from(bytes);
}

// ---- the engine ----------------------------------------------------------------------------------

/**
 * The part of the WebAssembly JS API used here. The workspace compiles with lib ES2023 and Node's
 * types, neither of which declares the `WebAssembly` global, so it is declared locally.
 */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmModule {
  readonly __wasmModule?: never;
}
declare const WebAssembly: {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { readonly exports: Record<string, unknown> };
};

const PAGE = 65536;

function align16(n: number): number {
  return (n + 15) & ~15;
}

/**
 * One instance of the module with its own memory, owned by one kernel instance. The left operand is
 * copied into wasm memory only when it is a different array (or shape) from the previous call:
 * tensors are immutable and freshly allocated arrays are never reused, so a constant weight matrix
 * is copied once and each call copies only x.
 */
export class WasmMatvec {
  private readonly fn: (a: number, x: number, out: number, m: number, k: number) => void;
  private readonly memory: WasmMemory;
  private f32: Float32Array;
  private lastA: Float32Array | undefined;
  private lastM = -1;
  private lastK = -1;

  constructor(module: WasmModule) {
    const instance = new WebAssembly.Instance(module, {});
    this.fn = instance.exports.matvec as (a: number, x: number, out: number, m: number, k: number) => void;
    this.memory = instance.exports.mem as WasmMemory;
    this.f32 = new Float32Array(this.memory.buffer);
  }

  /** out[i] = f32(Σ_k a[i*K + k] · x[k]) for i < M, in double with one rounding (see the module). */
  matvecInto(a: Float32Array, x: Float32Array, out: Float32Array, M: number, K: number, aIsConstant = false): void {
    const xPtr = 0;
    const outPtr = align16(4 * K);
    const aPtr = outPtr + align16(4 * M);
    const needed = aPtr + 4 * M * K;
    if (needed > this.memory.buffer.byteLength) {
      this.memory.grow(Math.ceil((needed - this.memory.buffer.byteLength) / PAGE));
      this.f32 = new Float32Array(this.memory.buffer);
      this.lastA = undefined;
    }
    const f32 = this.f32;
    // The copy of `a` is reused only when the caller says it is a constant: a caller may refill the
    // same array between runs (a graph input, say), and identity alone would not see that.
    if (!aIsConstant || a !== this.lastA || M !== this.lastM || K !== this.lastK) {
      f32.set(a.length === M * K ? a : a.subarray(0, M * K), aPtr >> 2);
      this.lastA = a;
      this.lastM = M;
      this.lastK = K;
    }
    f32.set(x.length === K ? x : x.subarray(0, K), xPtr >> 2);
    this.fn(aPtr, xPtr, outPtr, M, K);
    out.set(f32.subarray(outPtr >> 2, (outPtr >> 2) + M));
  }
}

let compiled: WasmModule | null | undefined;

/**
 * A new engine, or undefined where WebAssembly SIMD is unavailable. The compiled module (immutable
 * code, no state) is shared; each engine has its own instance and memory.
 */
export function createWasmMatvec(): WasmMatvec | undefined {
  if (compiled === undefined) {
    compiled = null;
    try {
      const bytes = matvecModuleBytes();
      if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
    } catch {
      compiled = null;
    }
  }
  return compiled ? new WasmMatvec(compiled) : undefined;
}
