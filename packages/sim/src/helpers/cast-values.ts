import { allocData, type ElemType, isBigIntElemType, Tensor } from '@scanflow/ir';
import { SimulationError } from '../errors';
import { decodeFloatBitsArray, type EncodeOptions, encodeFloatBits, isFloatBitsType } from './float-bits';

/**
 * Element type conversion (Cast / CastLike and anything else that converts):
 *  - float → float rounds to nearest even, straight from the double (float16, bfloat16, float8 with
 *    `saturate`, float8e8m0 with `roundMode`);
 *  - float → integer truncates toward zero; NaN, infinities and values beyond the range of the
 *    conversion instruction give what x86-64 gives (the "integer indefinite" value: INT32_MIN,
 *    INT64_MIN ...), then narrower types keep the low bits, like a C cast on that machine;
 *  - integer → integer wraps (keeps the low bits); integer → float rounds to nearest even;
 *  - int4 / uint4 / int2 / uint2 targets keep the low bits too; floats are first rounded half away
 *    from zero (as onnxruntime does; NaN and infinities give 0);
 *  - anything → bool is `x != 0`; bool → number is 0 / 1;
 *  - string → number parses decimal / scientific notation and INF, +INF, -INF, NaN (any case);
 *    float → string prints like C's %.8g (as onnxruntime does), integers in full, bool as 1 / 0.
 */
export type CastOptions = EncodeOptions;

type Src = number | bigint | string;

const TWO31 = 2 ** 31;
const TWO63 = 2 ** 63;
const INT64_MIN = -(1n << 63n);

function isFloatType(t: ElemType): boolean {
  return t === 'float32' || t === 'float64' || isFloatBitsType(t);
}

/** Exactly rounded bigint → float32 (Number() alone would round twice above 2^53). */
function bigToFloat32(v: bigint): number {
  const neg = v < 0n;
  const a = neg ? -v : v;
  if (a < 1n << 53n) return Math.fround(Number(v));
  const shift = a.toString(2).length - 53;
  let top = a >> BigInt(shift);
  if (a & ((1n << BigInt(shift)) - 1n)) top |= 1n; // sticky bit: far below float32's rounding position
  const r = Math.fround(Number(top) * 2 ** shift);
  return neg ? -r : r;
}

/** float → int32 as cvttsd2si does it: truncation, INT32_MIN when NaN or out of range. */
function floatToInt32(x: number): number {
  const t = Math.trunc(x);
  return t >= -TWO31 && t < TWO31 ? t : -TWO31;
}

/** float → int64 as cvttsd2si does it: truncation, INT64_MIN when NaN or out of range. */
function floatToInt64(x: number): bigint {
  const t = Math.trunc(x);
  return t >= -TWO63 && t < TWO63 ? BigInt(t) : INT64_MIN;
}

/**
 * float → uint32 / uint64 as onnxruntime's x86-64 build converts them: values from 2^(w-1) up are
 * shifted down by 2^(w-1) before the signed conversion and the top bit is set again afterwards, so
 * NaN, -inf and large negatives give 2^(w-1) and +inf or values from 2^w up give 0; small negatives wrap.
 */
function floatToUint32(x: number): number {
  return (x >= TWO31 ? floatToInt32(x - TWO31) ^ 0x80000000 : floatToInt32(x)) >>> 0;
}

function floatToUint64(x: number): bigint {
  const r = x >= TWO63 ? floatToInt64(x - TWO63) ^ INT64_MIN : floatToInt64(x);
  return BigInt.asUintN(64, r);
}

function parseNumber(s: string): number {
  const v = s.trim();
  if (/^\+?inf(inity)?$/i.test(v)) return Infinity;
  if (/^-inf(inity)?$/i.test(v)) return -Infinity;
  if (/^[+-]?nan$/i.test(v)) return NaN;
  const x = Number(v);
  if (v === '' || Number.isNaN(x)) throw new SimulationError(`Cast: cannot read '${s}' as a number`);
  return x;
}

function parseBig(s: string): bigint {
  const v = s.trim();
  if (/^[+-]?\d+$/.test(v)) return BigInt(v);
  return floatToInt64(parseNumber(v));
}

/** C's printf("%.8g"), which onnxruntime uses for float → string: 8 significant digits, no trailing zeros. */
function formatFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'INF';
  if (x === -Infinity) return '-INF';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mant, e] = x.toExponential(7).split('e');
  const exp = Number(e);
  const strip = (s: string): string => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exp < -4 || exp >= 8) return `${strip(mant)}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return strip(x.toFixed(7 - exp));
}

/** Keeps the low 4 / 2 bits, sign-extended for the signed types (held unpacked, one per byte). */
function subByteWrap(t: ElemType): (x: number) => number {
  const bits = t.endsWith('4') ? 4 : 2;
  const mask = (1 << bits) - 1;
  if (t.startsWith('u')) return (x) => x & mask;
  const half = 1 << (bits - 1);
  return (x) => (((x & mask) ^ half) - half);
}

/** A per-element converter from source values (number, bigint or string) to the target container's values. */
function converter(from: ElemType, to: ElemType, options: CastOptions): (v: Src) => number | bigint | string {
  const srcFloat = isFloatType(from);
  const srcBig = isBigIntElemType(from);
  const srcStr = from === 'string';
  // a number view of the source value
  const num = srcStr ? (v: Src) => parseNumber(v as string) : srcBig ? (v: Src) => Number(v) : (v: Src) => v as number;

  if (to === 'string') {
    if (srcStr) return (v) => v;
    if (from === 'bool') return (v) => (v ? '1' : '0');
    if (srcFloat) return (v) => formatFloat(v as number);
    return (v) => String(v);
  }
  if (to === 'bool') {
    if (srcBig) return (v) => ((v as bigint) !== 0n ? 1 : 0);
    return (v) => (num(v) !== 0 ? 1 : 0);
  }
  if (to === 'float32') return srcBig ? (v) => bigToFloat32(v as bigint) : num;
  if (to === 'float64') return num;
  if (isFloatBitsType(to)) return (v) => encodeFloatBits(to, num(v), options);
  if (to === 'int4' || to === 'uint4' || to === 'int2' || to === 'uint2') {
    const wrap = subByteWrap(to);
    if (srcBig) return (v) => wrap(Number(BigInt.asIntN(32, v as bigint)));
    if (srcFloat || srcStr) {
      return (v) => {
        const x = num(v);
        if (!Number.isFinite(x)) return 0;
        // rounded half away from zero (like C's lround), then the low bits
        const r = Math.sign(x) * Math.round(Math.abs(x));
        return wrap(r % 256);
      };
    }
    return (v) => wrap(v as number);
  }
  if (to === 'int64' || to === 'uint64') {
    if (srcBig) return (v) => v;
    if (srcStr) return (v) => parseBig(v as string);
    if (srcFloat) return to === 'int64' ? (v) => floatToInt64(v as number) : (v) => floatToUint64(v as number);
    return (v) => BigInt(v as number);
  }
  // int8 … uint32: the typed-array store keeps the low bits
  if (srcBig) return (v) => Number(BigInt.asIntN(32, v as bigint));
  if (srcFloat || srcStr) {
    // the narrower types come from a 32-bit conversion, keeping its low bits
    if (to === 'uint32') return (v) => floatToUint32(num(v));
    return (v) => floatToInt32(num(v));
  }
  return num;
}

/** Converts a tensor to element type `to` (returns the tensor itself when the type already matches). */
export function castTensor(t: Tensor, to: ElemType, options: CastOptions = {}): Tensor {
  if (t.elemType === to) return t;
  for (const ty of [t.elemType, to]) {
    if (ty === 'complex64' || ty === 'complex128') throw new SimulationError(`Cast: ${ty} is not supported`);
  }
  const n = t.data.length;
  const src: ArrayLike<Src> = isFloatBitsType(t.elemType) ? decodeFloatBitsArray(t.elemType, t.data as Uint8Array) : (t.data as ArrayLike<Src>);
  const out = allocData(to, n) as any;
  const f = converter(isFloatBitsType(t.elemType) ? 'float64' : t.elemType, to, options);
  for (let i = 0; i < n; i++) out[i] = f(src[i]);
  return new Tensor(to, t.dims, out);
}
