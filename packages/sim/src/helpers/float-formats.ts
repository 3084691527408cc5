import type { ElemType } from '@scanflow/ir';

/**
 * Small floating-point formats held as raw bit patterns (float16, bfloat16, the float8 family and
 * float4e2m1): decoding to a JS number and encoding from one with round-to-nearest-even.
 */
export interface MiniFloatFormat {
  readonly exponentBits: number;
  readonly mantissaBits: number;
  readonly bias: number;
  /** 'ieee': all-ones exponent is inf/NaN; 'fn': only all-ones exponent+mantissa is NaN, no inf;
   *  'fnuz': 0x80 is NaN, no inf, no negative zero; 'none': every code is a finite number. */
  readonly specials: 'ieee' | 'fn' | 'fnuz' | 'none';
  /** Largest finite value. */
  readonly max: number;
}

export const MINI_FLOATS = {
  float16: { exponentBits: 5, mantissaBits: 10, bias: 15, specials: 'ieee', max: 65504 },
  bfloat16: { exponentBits: 8, mantissaBits: 7, bias: 127, specials: 'ieee', max: 3.3895313892515355e38 },
  float8e4m3fn: { exponentBits: 4, mantissaBits: 3, bias: 7, specials: 'fn', max: 448 },
  float8e4m3fnuz: { exponentBits: 4, mantissaBits: 3, bias: 8, specials: 'fnuz', max: 240 },
  float8e5m2: { exponentBits: 5, mantissaBits: 2, bias: 15, specials: 'ieee', max: 57344 },
  float8e5m2fnuz: { exponentBits: 5, mantissaBits: 2, bias: 16, specials: 'fnuz', max: 57344 },
  float4e2m1: { exponentBits: 2, mantissaBits: 1, bias: 1, specials: 'none', max: 6 },
} as const satisfies Record<string, MiniFloatFormat>;

export type MiniFloatType = keyof typeof MINI_FLOATS;

export function isMiniFloatType(t: ElemType): t is MiniFloatType {
  return Object.prototype.hasOwnProperty.call(MINI_FLOATS, t);
}

/** The value of a bit pattern of a small float format. */
export function decodeMiniFloat(bits: number, f: MiniFloatFormat): number {
  const m = f.mantissaBits;
  const e = f.exponentBits;
  const signBit = 1 << (e + m);
  if (f.specials === 'fnuz' && bits === signBit) return NaN;
  const sign = bits & signBit ? -1 : 1;
  const expField = (bits >> m) & ((1 << e) - 1);
  const mant = bits & ((1 << m) - 1);
  const expMax = (1 << e) - 1;
  if (f.specials === 'ieee' && expField === expMax) return mant ? NaN : sign * Infinity;
  if (f.specials === 'fn' && expField === expMax && mant === (1 << m) - 1) return NaN;
  if (expField === 0) return sign * mant * 2 ** (1 - f.bias - m);
  return sign * (1 + mant / (1 << m)) * 2 ** (expField - f.bias);
}

function nanBits(f: MiniFloatFormat): number {
  const m = f.mantissaBits;
  const e = f.exponentBits;
  if (f.specials === 'fnuz') return 1 << (e + m);
  if (f.specials === 'fn') return (1 << (e + m)) - 1;
  // ieee: quiet NaN
  return (((1 << e) - 1) << m) | (1 << (m - 1));
}

function roundHalfEvenPositive(x: number): number {
  const r = Math.floor(x);
  const d = x - r;
  if (d > 0.5) return r + 1;
  if (d < 0.5) return r;
  return r % 2 === 0 ? r : r + 1;
}

/**
 * Encodes `x` with round-to-nearest-even. Overflow gives the largest finite value when `saturate`,
 * else infinity (ieee formats) or NaN (formats without infinity). Infinity itself saturates too.
 */
export function encodeMiniFloat(x: number, f: MiniFloatFormat, saturate = false): number {
  const m = f.mantissaBits;
  const e = f.exponentBits;
  const signBit = 1 << (e + m);
  if (Number.isNaN(x)) return f.specials === 'none' ? signBit - 1 : nanBits(f);
  const neg = x < 0 || Object.is(x, -0);
  const s = neg && f.specials !== 'fnuz' ? signBit : 0;
  const a = Math.abs(x);
  const maxBits = f.specials === 'fn' ? signBit - 2 : f.specials === 'ieee' ? (((1 << e) - 2) << m) | ((1 << m) - 1) : signBit - 1;
  const overflow = (): number => {
    if (saturate || f.specials === 'none') return (neg ? signBit : 0) | maxBits;
    if (f.specials === 'ieee') return s | (((1 << e) - 1) << m);
    // 'fn' keeps the sign on its NaN (0x7F / 0xFF); 'fnuz' has the single NaN 0x80
    return f.specials === 'fn' ? s | nanBits(f) : nanBits(f);
  };
  if (a === Infinity) return overflow();
  const emin = 1 - f.bias;
  let exp = a === 0 ? emin : Math.floor(Math.log2(a));
  if (exp !== emin && 2 ** exp > a) exp--;
  else if (2 ** (exp + 1) <= a) exp++;
  if (exp < emin) exp = emin;
  const quantum = 2 ** (exp - m);
  const q = roundHalfEvenPositive(a / quantum) * quantum;
  if (q > f.max) return overflow();
  if (q === 0) return s;
  let qe = Math.floor(Math.log2(q));
  if (2 ** qe > q) qe--;
  else if (2 ** (qe + 1) <= q) qe++;
  if (qe < emin) return (neg ? signBit : 0) | (q / 2 ** (emin - m));
  const mant = (q / 2 ** qe - 1) * (1 << m);
  return (neg ? signBit : 0) | ((qe + f.bias) << m) | mant;
}

/** float8e8m0: an unsigned power of two 2^(bits - 127); 0xFF is NaN. */
export function decodeFloat8E8M0(bits: number): number {
  return bits === 0xff ? NaN : 2 ** (bits - 127);
}
