import { IrError } from '../errors';

/**
 * The QONNX datatype system: the value set a tensor's elements are known to lie in, independent of
 * the float or integer container that holds them. Names and semantics follow QONNX
 * (INT<n>, UINT<n> with UINT1 printed BINARY, BIPOLAR, TERNARY, FIXED<w,i>, SCALEDINT<n>, FLOAT32 ...).
 */
export type DataTypeKind = 'INT' | 'UINT' | 'BIPOLAR' | 'TERNARY' | 'FIXED' | 'SCALEDINT' | 'FLOAT';

const FLT_MAX = 3.4028234663852886e38;

/** IEEE-like float formats known by name, with their exponent / mantissa bits. */
const NAMED_FLOATS: Record<string, { exponent: number; mantissa: number; max: number }> = {
  FLOAT32: { exponent: 8, mantissa: 23, max: FLT_MAX },
  FLOAT16: { exponent: 5, mantissa: 10, max: 65504 },
  BFLOAT16: { exponent: 8, mantissa: 7, max: 3.3895313892515355e38 },
  FLOAT64: { exponent: 11, mantissa: 52, max: Number.MAX_VALUE },
};

/** Interned instances: one object per datatype name, so `===` works. */
const INTERNED = new Map<string, DataType>();

export class DataType {
  readonly kind: DataTypeKind;
  /** Total bit width. */
  readonly bitWidth: number;
  /** FIXED: integer bits (including sign). FLOAT: exponent bits. */
  readonly intBits: number;
  /** FLOAT: mantissa bits; FLOAT<e,m,bias>: the exponent bias. */
  readonly mantissa: number;
  readonly bias: number;
  readonly name: string;

  private static make(kind: DataTypeKind, bitWidth: number, intBits: number, name: string, mantissa = 0, bias = 0): DataType {
    let t = INTERNED.get(name);
    if (!t) INTERNED.set(name, (t = new DataType(kind, bitWidth, intBits, name, mantissa, bias)));
    return t;
  }

  private constructor(kind: DataTypeKind, bitWidth: number, intBits: number, name: string, mantissa = 0, bias = 0) {
    this.kind = kind;
    this.bitWidth = bitWidth;
    this.intBits = intBits;
    this.name = name;
    this.mantissa = mantissa;
    this.bias = bias;
  }

  static int(bits: number): DataType {
    checkBits(bits, 'INT');
    return DataType.make('INT', bits, bits, `INT${bits}`);
  }

  static uint(bits: number): DataType {
    checkBits(bits, 'UINT');
    return DataType.make('UINT', bits, bits, bits === 1 ? 'BINARY' : `UINT${bits}`);
  }

  static readonly BINARY = DataType.uint(1);
  static readonly BIPOLAR = DataType.make('BIPOLAR', 1, 1, 'BIPOLAR');
  static readonly TERNARY = DataType.make('TERNARY', 2, 2, 'TERNARY');
  static readonly FLOAT32 = DataType.make('FLOAT', 32, 8, 'FLOAT32', 23, 127);
  static readonly FLOAT16 = DataType.make('FLOAT', 16, 5, 'FLOAT16', 10, 15);
  static readonly BFLOAT16 = DataType.make('FLOAT', 16, 8, 'BFLOAT16', 7, 127);
  static readonly FLOAT64 = DataType.make('FLOAT', 64, 11, 'FLOAT64', 52, 1023);

  /** FIXED<w,i>: w total bits, i integer bits (sign included), i < w. */
  static fixed(width: number, intBits: number): DataType {
    checkBits(width, 'FIXED');
    if (!Number.isInteger(intBits) || intBits < 1 || intBits >= width) throw new IrError(`FIXED<${width},${intBits}>: integer bits must satisfy 1 <= i < w`);
    return DataType.make('FIXED', width, intBits, `FIXED<${width},${intBits}>`);
  }

  static scaledInt(bits: number): DataType {
    checkBits(bits, 'SCALEDINT');
    return DataType.make('SCALEDINT', bits, bits, `SCALEDINT<${bits}>`);
  }

  /** An arbitrary minifloat FLOAT<e,m,bias> (bias defaults to 2^(e-1) - 1). */
  static float(exponent: number, mantissa: number, bias = 2 ** (exponent - 1) - 1): DataType {
    if (!Number.isInteger(exponent) || exponent < 1 || !Number.isInteger(mantissa) || mantissa < 0) throw new IrError(`FLOAT<${exponent},${mantissa}>: bad exponent or mantissa width`);
    const defaultBias = 2 ** (exponent - 1) - 1;
    const name = bias === defaultBias ? `FLOAT<${exponent},${mantissa}>` : `FLOAT<${exponent},${mantissa},${bias}>`;
    return DataType.make('FLOAT', 1 + exponent + mantissa, exponent, name, mantissa, bias);
  }

  /** True for INT, UINT, BIPOLAR and TERNARY: every value is an integer. */
  get isInteger(): boolean {
    return this.kind === 'INT' || this.kind === 'UINT' || this.kind === 'BIPOLAR' || this.kind === 'TERNARY';
  }

  get isFixedPoint(): boolean {
    return this.kind === 'FIXED';
  }

  get isFloat(): boolean {
    return this.kind === 'FLOAT';
  }

  /** min < 0 (SCALEDINT and floats count as signed). */
  get signed(): boolean {
    return this.kind !== 'UINT';
  }

  /** FIXED: the value of one least-significant bit, 2^-(w-i); 1 for integers. */
  get scaleFactor(): number {
    return this.kind === 'FIXED' ? 2 ** -(this.bitWidth - this.intBits) : 1;
  }

  /** Smallest value, exact as a bigint (integers and FIXED in LSB units only: use `min` for the real value). */
  get minInt(): bigint {
    switch (this.kind) {
      case 'INT':
      case 'FIXED':
        return -(1n << BigInt(this.bitWidth - 1));
      case 'UINT':
        return 0n;
      case 'BIPOLAR':
      case 'TERNARY':
        return -1n;
      default:
        throw new IrError(`${this.name} has no integer range`);
    }
  }

  /** Largest value as a bigint (see minInt). */
  get maxInt(): bigint {
    switch (this.kind) {
      case 'INT':
      case 'FIXED':
        return (1n << BigInt(this.bitWidth - 1)) - 1n;
      case 'UINT':
        return (1n << BigInt(this.bitWidth)) - 1n;
      case 'BIPOLAR':
      case 'TERNARY':
        return 1n;
      default:
        throw new IrError(`${this.name} has no integer range`);
    }
  }

  /** Smallest representable value (64-bit bounds rounded to the nearest double). */
  get min(): number {
    if (this.kind === 'FLOAT') return -this.floatMax();
    if (this.kind === 'SCALEDINT') throw new IrError('SCALEDINT has no defined min');
    return Number(this.minInt) * this.scaleFactor;
  }

  /** Largest representable value (64-bit bounds rounded to the nearest double). */
  get max(): number {
    if (this.kind === 'FLOAT') return this.floatMax();
    if (this.kind === 'SCALEDINT') throw new IrError('SCALEDINT has no defined max');
    return Number(this.maxInt) * this.scaleFactor;
  }

  /** Number of distinct values (integers only): |min| + |max| + 1, except BIPOLAR (2). */
  get numPossibleValues(): number {
    if (this.kind === 'BIPOLAR') return 2;
    if (!this.isInteger && this.kind !== 'FIXED') throw new IrError(`${this.name} has no finite value count`);
    return Number(this.maxInt - this.minInt + 1n);
  }

  /** Whether `x` is a member of this datatype's value set. */
  allowed(x: number): boolean {
    switch (this.kind) {
      case 'FLOAT':
        return this.floatAllows(x);
      case 'SCALEDINT':
        throw new IrError('SCALEDINT has no allowed value set');
      case 'BIPOLAR':
        return x === -1 || x === 1;
      case 'FIXED': {
        const q = x / this.scaleFactor;
        return Number.isInteger(q) && q >= Number(this.minInt) && q <= Number(this.maxInt);
      }
      default:
        return Number.isInteger(x) && x >= this.min && x <= this.max;
    }
  }

  /** Whether every value of `other` is a value of this type. */
  contains(other: DataType): boolean {
    if (this.kind === 'FLOAT') return true;
    if (!(other.isInteger && this.isInteger)) return this.name === other.name;
    if (other.kind === 'BIPOLAR') return this.allowed(-1) && this.allowed(1);
    return this.min <= other.min && this.max >= other.max;
  }

  equals(other: DataType): boolean {
    return this.name === other.name;
  }

  toString(): string {
    return this.name;
  }

  private floatAllows(x: number): boolean {
    if (NAMED_FLOATS[this.name]) return true;
    if (!Number.isFinite(x)) return false;
    if (x === 0) return true;
    const a = Math.abs(x);
    if (a > this.floatMax()) return false;
    const e = Math.max(Math.floor(Math.log2(a)), 1 - this.bias);
    return Number.isInteger(a / 2 ** (e - this.mantissa));
  }

  private floatMax(): number {
    const named = NAMED_FLOATS[this.name];
    if (named) return named.max;
    // FLOAT<e,m,bias> without inf/NaN: all exponent codes are normal numbers.
    const maxExp = 2 ** this.intBits - 1 - this.bias;
    return (2 - 2 ** -this.mantissa) * 2 ** maxExp;
  }
}

function checkBits(bits: number, what: string): void {
  if (!Number.isInteger(bits) || bits < 1 || bits > 64) throw new IrError(`${what}${bits}: bit width must be an integer from 1 to 64`);
}

/** Parses a QONNX datatype name (`INT4`, `UINT8`, `BINARY`, `BIPOLAR`, `FIXED<8,3>`, `SCALEDINT<8>`, `FLOAT32` ...). */
export function parseDataType(name: string): DataType {
  const s = name.trim();
  switch (s) {
    case 'BINARY':
      return DataType.BINARY;
    case 'BIPOLAR':
      return DataType.BIPOLAR;
    case 'TERNARY':
      return DataType.TERNARY;
    case 'FLOAT32':
      return DataType.FLOAT32;
    case 'FLOAT16':
      return DataType.FLOAT16;
    case 'BFLOAT16':
      return DataType.BFLOAT16;
    case 'FLOAT64':
      return DataType.FLOAT64;
  }
  let m = /^UINT(\d+)$/.exec(s);
  if (m) return DataType.uint(Number(m[1]));
  m = /^INT(\d+)$/.exec(s);
  if (m) return DataType.int(Number(m[1]));
  m = /^FIXED<\s*(\d+)\s*,\s*(\d+)\s*>$/.exec(s);
  if (m) return DataType.fixed(Number(m[1]), Number(m[2]));
  m = /^SCALEDINT<\s*(\d+)\s*>$/.exec(s);
  if (m) return DataType.scaledInt(Number(m[1]));
  m = /^FLOAT<\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?>$/.exec(s);
  if (m) return DataType.float(Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3]));
  throw new IrError(`unknown datatype name '${name}' (expected INT<n>, UINT<n>, BINARY, BIPOLAR, TERNARY, FIXED<w,i>, SCALEDINT<n> or FLOAT32/FLOAT16)`);
}

/**
 * The candidate order QONNX uses to pick the smallest type: BINARY, UINT2..UINT64, BIPOLAR, TERNARY,
 * INT1..INT64. (So 0 and 1 give BINARY, -1 gives BIPOLAR, non-negative values prefer unsigned types.)
 */
const CANDIDATES: DataType[] = [
  ...Array.from({ length: 64 }, (_, i) => DataType.uint(i + 1)),
  DataType.BIPOLAR,
  DataType.TERNARY,
  ...Array.from({ length: 64 }, (_, i) => DataType.int(i + 1)),
];

/** The first datatype in QONNX's candidate order that holds `v`; FLOAT32 for a non-integer. */
export function smallestDataTypeFor(v: number): DataType {
  if (!Number.isInteger(v)) return DataType.FLOAT32;
  for (const c of CANDIDATES) if (c.min <= v && v <= c.max) return c;
  return DataType.FLOAT32;
}

/** The smallest INT/UINT type holding every integer in [lo, hi] (no BIPOLAR/TERNARY). */
export function smallestIntTypeForRange(lo: number, hi: number): DataType {
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo > hi) throw new IrError(`range [${lo}, ${hi}] is not an integer range`);
  if (lo >= 0) {
    const bits = Math.max(1, Math.ceil(Math.log2(hi + 1)));
    for (let b = Math.max(1, bits - 1); b <= 64; b++) if (DataType.uint(b).max >= hi) return DataType.uint(b);
  }
  for (let b = 2; b <= 64; b++) {
    const t = DataType.int(b);
    if (t.min <= lo && t.max >= hi) return t;
  }
  return DataType.FLOAT32;
}
