import type { ElemType } from '@scanflow/ir';

/**
 * Small floating-point formats held as raw bit patterns (float16, bfloat16, the float8 family,
 * float4e2m1, float8e8m0): decoding to JS numbers and encoding from them with round-half-to-even.
 * The one codec for these formats: Cast, QuantizeLinear / DequantizeLinear and the numeric helpers
 * all go through it; where their conversions differ, `EncodeOptions.convention` picks the rules.
 *
 * Kinds:
 *  - `ieee`: infinities and NaNs like IEEE 754 (float16, bfloat16, float8e5m2);
 *  - `fn`: no infinities, NaN is S.1111.111 (float8e4m3fn);
 *  - `fnuz`: no infinities, no negative zero, NaN is 1.0000.000 (float8e4m3fnuz, float8e5m2fnuz);
 *  - `none`: neither infinities nor NaN (float4e2m1).
 */
interface MiniFloat {
  readonly expBits: number;
  readonly manBits: number;
  readonly bias: number;
  readonly kind: 'ieee' | 'fn' | 'fnuz' | 'none';
  /**
   * float8 without saturation, as the ONNX reference and onnxruntime convert: a value that only
   * overflows by rounding up from the largest binade becomes NaN (not inf).
   */
  readonly float8?: boolean;
}

const FORMATS = {
  float16: { expBits: 5, manBits: 10, bias: 15, kind: 'ieee' },
  bfloat16: { expBits: 8, manBits: 7, bias: 127, kind: 'ieee' },
  float8e4m3fn: { expBits: 4, manBits: 3, bias: 7, kind: 'fn' },
  float8e4m3fnuz: { expBits: 4, manBits: 3, bias: 8, kind: 'fnuz' },
  float8e5m2: { expBits: 5, manBits: 2, bias: 15, kind: 'ieee', float8: true },
  float8e5m2fnuz: { expBits: 5, manBits: 2, bias: 16, kind: 'fnuz' },
  float4e2m1: { expBits: 2, manBits: 1, bias: 1, kind: 'none' },
} as const satisfies Record<string, MiniFloat>;

export type MiniFloatType = keyof typeof FORMATS | 'float8e8m0';

/** Element types whose containers hold bit patterns of a small float format. */
export function isFloatBitsType(t: ElemType): t is MiniFloatType {
  return t in FORMATS || t === 'float8e8m0';
}

/** Largest finite value of a format. */
function maxFinite(f: MiniFloat): number {
  const top = (1 << f.expBits) - 1;
  switch (f.kind) {
    case 'ieee':
      return (2 - 2 ** -f.manBits) * 2 ** (top - 1 - f.bias);
    case 'fn':
      return (2 - 2 ** (1 - f.manBits)) * 2 ** (top - f.bias);
    default:
      return (2 - 2 ** -f.manBits) * 2 ** (top - f.bias);
  }
}

function decodeWith(bits: number, f: MiniFloat): number {
  const width = 1 + f.expBits + f.manBits;
  const neg = (bits >> (width - 1)) & 1;
  const top = (1 << f.expBits) - 1;
  const e = (bits >> f.manBits) & top;
  const m = bits & ((1 << f.manBits) - 1);
  if (f.kind === 'fnuz' && bits === 1 << (width - 1)) return NaN;
  if (f.kind === 'ieee' && e === top) return m ? NaN : neg ? -Infinity : Infinity;
  if (f.kind === 'fn' && e === top && m === (1 << f.manBits) - 1) return NaN;
  const mag = e === 0 ? m * 2 ** (1 - f.bias - f.manBits) : (2 ** f.manBits + m) * 2 ** (e - f.bias - f.manBits);
  return neg ? -mag : mag;
}

/** Round half to even of a non-negative double. */
function rintPositive(r: number): number {
  const fl = Math.floor(r);
  const diff = r - fl;
  if (diff > 0.5) return fl + 1;
  if (diff < 0.5) return fl;
  return fl % 2 === 0 ? fl : fl + 1;
}

/** floor(log2(a)) for a finite positive double, exact. */
function exponentOf(a: number): number {
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  return e;
}

function encodeWith(x: number, f: MiniFloat, saturate: boolean, cast: boolean): number {
  const width = 1 + f.expBits + f.manBits;
  const signBit = 1 << (width - 1);
  const top = (1 << f.expBits) - 1;
  const neg = x < 0 || Object.is(x, -0);
  const sign = neg ? signBit : 0;
  if (Number.isNaN(x)) {
    switch (f.kind) {
      case 'ieee':
        return sign | (top << f.manBits) | (1 << (f.manBits - 1));
      case 'fn':
        return sign | (signBit - 1);
      case 'fnuz':
        return signBit;
      default:
        // float4e2m1 has no NaN: Cast (as the ONNX reference data) maps it to 0x8 (negative zero),
        // the quantize convention to 0x7 (the largest finite value, +6)
        return cast ? signBit : signBit - 1;
    }
  }
  const a = Math.abs(x);
  const max = maxFinite(f);
  const overflow = (): number => {
    if (saturate || f.kind === 'none') return sign | encodeMagnitude(max, f);
    if (f.kind === 'ieee') return sign | (top << f.manBits);
    return f.kind === 'fn' ? sign | (signBit - 1) : signBit;
  };
  if (a === Infinity) return overflow();
  if (a === 0) return f.kind === 'fnuz' ? 0 : sign;
  const emin = 1 - f.bias;
  const e = Math.max(exponentOf(a), emin);
  const q = 2 ** (e - f.manBits);
  const v = rintPositive(a / q) * q;
  if (v > max) {
    if (!cast) return overflow();
    // e5m2 without saturation: rounding up out of the top binade gives NaN, larger values inf
    if (f.float8 && !saturate && a < 2 * 2 ** (top - 1 - f.bias)) return sign | (top << f.manBits) | (1 << (f.manBits - 1));
    // e4m3fn: a value that truncates (without rounding up) onto the NaN code S.1111.111 gives the
    // largest finite value even without saturation (as the ONNX reference and onnxruntime do)
    if (f.kind === 'fn' && v === max + q && a >= v) return sign | encodeMagnitude(max, f);
    return overflow();
  }
  if (v === 0) return f.kind === 'fnuz' ? 0 : sign;
  return sign | encodeMagnitude(v, f);
}

/** Bits (without sign) of a positive value exactly representable in the format. */
function encodeMagnitude(v: number, f: MiniFloat): number {
  const emin = 1 - f.bias;
  if (v < 2 ** emin) return v / 2 ** (emin - f.manBits);
  const e = exponentOf(v);
  const m = v / 2 ** (e - f.manBits) - 2 ** f.manBits;
  return ((e + f.bias) << f.manBits) | m;
}

// ---- float8e8m0: an unsigned power of two 2^(e-127), e = 0..254; 0xFF is NaN ----

export type E8M0RoundMode = 'up' | 'down' | 'nearest';

function decodeE8M0(bits: number): number {
  return bits === 0xff ? NaN : 2 ** (bits - 127);
}

/**
 * To float8e8m0 (as onnxruntime converts): zero and negative values have no code and give the
 * smallest power 2^-127 when saturating, NaN otherwise; +inf and values above 2^127 give 2^127
 * when saturating, NaN otherwise.
 */
function encodeE8M0(x: number, saturate: boolean, mode: E8M0RoundMode): number {
  if (Number.isNaN(x)) return 0xff;
  if (x <= 0) return saturate ? 0 : 0xff;
  if (x === Infinity) return saturate ? 0xfe : 0xff;
  let e = exponentOf(x);
  if (2 ** e !== x) {
    if (mode === 'up') e++;
    else if (mode === 'nearest' && x >= 1.5 * 2 ** e) e++;
  }
  if (e > 127) return saturate ? 0xfe : 0xff;
  if (e < -127) return 0;
  return e + 127;
}

// ---- public conversions ----

const tables = new Map<string, Float32Array | Float64Array>();

function tableFor(t: MiniFloatType): Float32Array | Float64Array {
  let tab = tables.get(t);
  if (!tab) {
    const size = t === 'float16' || t === 'bfloat16' ? 65536 : t === 'float4e2m1' ? 16 : 256;
    tab = t === 'float8e8m0' ? new Float64Array(size) : new Float32Array(size);
    for (let i = 0; i < size; i++) tab[i] = t === 'float8e8m0' ? decodeE8M0(i) : decodeWith(i, FORMATS[t]);
    tables.set(t, tab);
  }
  return tab;
}

/** The value of one bit pattern of a small float format. */
export function decodeFloatBits(t: MiniFloatType, bits: number): number {
  const tab = tableFor(t);
  return tab[bits & (tab.length - 1)];
}

/** Decodes a whole container of bit patterns into doubles. */
export function decodeFloatBitsArray(t: MiniFloatType, src: ArrayLike<number>): Float64Array {
  const tab = tableFor(t);
  const mask = tab.length - 1; // float4e2m1 codes are the low 4 bits of their byte
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = tab[src[i] & mask];
  return out;
}

/**
 * The two conversion rule sets, which differ only on these edge cases:
 *  - `cast` (onnxruntime's Cast, the default): NaN → float4e2m1 gives 0x8; without saturation a value
 *    that only overflows by rounding up out of float8e5m2's top binade ([61440, 65536)) gives NaN,
 *    and a float8e4m3fn value in [480, 496) (truncating onto the NaN code) gives 448;
 *  - `quantize` (QuantizeLinear and the numeric helpers): NaN → float4e2m1 gives 0x7, and every
 *    overflow without saturation gives inf (float8e5m2) or NaN (float8e4m3fn).
 */
export type EncodeConvention = 'cast' | 'quantize';

export interface EncodeOptions {
  /** float8 / float8e8m0 only: clamp out-of-range values to the largest finite value (default true). */
  saturate?: boolean;
  /** float8e8m0 only (default 'up'). */
  roundMode?: E8M0RoundMode;
  /** Which operator's rules to follow where they differ (default 'cast'). */
  convention?: EncodeConvention;
}

/** The bit pattern nearest to `x` (round half to even; one rounding straight from the double). */
export function encodeFloatBits(t: MiniFloatType, x: number, options: EncodeOptions = {}): number {
  if (t === 'float8e8m0') return encodeE8M0(x, options.saturate ?? true, options.roundMode ?? 'up');
  // float16 and bfloat16 always overflow to infinity; saturation is a float8 notion
  const sat = t === 'float16' || t === 'bfloat16' ? false : (options.saturate ?? true);
  return encodeWith(x, FORMATS[t], sat, (options.convention ?? 'cast') === 'cast');
}

/** Encodes doubles into a container of bit patterns (Uint16Array or Uint8Array, as allocData gives). */
export function encodeFloatBitsArray(t: MiniFloatType, src: ArrayLike<number>, out: Uint8Array | Uint16Array, options: EncodeOptions = {}): void {
  for (let i = 0; i < src.length; i++) out[i] = encodeFloatBits(t, src[i], options);
}
