import { ScanflowError } from '@scanflow/ir';

/**
 * Parameter-memory layouts and stream packing of the C++ kernel library, as plain functions, so
 * that code generators write exactly what the headers read (see include/scanflow/*.hpp):
 *
 * - MVAU weights `[PE][TILES][SIMD]`: `weights[p][nf * SF + sf][s] = W[nf * PE + p][sf * SIMD + s]`
 *   with W of shape [MH][MW] (row = output channel), SF = MW / SIMD, NF = MH / PE, TILES = NF * SF.
 * - Thresholds `[PE][C / PE][NT]`: `thresholds[p][nf][k] = T[nf * PE + p][k]`.
 * - Per-channel parameters `[PE][C / PE]`: `param[p][nf] = P[nf * PE + p]`.
 * - Packed words: element k of a word occupies bits [(k + 1) * w - 1 : k * w] (element 0 lowest);
 *   a vector of C channels with N lanes is C / N words, word f lane n = channel f * N + n.
 */

/** A parameter or packing request that does not fit the kernels' folding rules. */
export class HlsLayoutError extends ScanflowError {
  constructor(message: string) {
    super('HLS_LAYOUT', message);
    this.name = 'HlsLayoutError';
  }
}

export interface MvauFolding {
  /** Matrix width: input vector length. */
  readonly mw: number;
  /** Matrix height: output vector length. */
  readonly mh: number;
  /** Input columns per cycle (MW % SIMD == 0). */
  readonly simd: number;
  /** Output rows per cycle (MH % PE == 0). */
  readonly pe: number;
}

function checkFold(what: string, total: number, lanes: number, lanesName: string): void {
  if (!Number.isInteger(lanes) || lanes < 1 || !Number.isInteger(total) || total < 1 || total % lanes !== 0) {
    throw new HlsLayoutError(`${what}: ${lanesName} = ${lanes} must be a positive divisor of ${total}`);
  }
}

function checkRows<T>(what: string, rows: readonly (readonly T[])[], count: number, width: number): void {
  if (rows.length !== count) throw new HlsLayoutError(`${what}: expected ${count} rows, got ${rows.length}`);
  rows.forEach((row, r) => {
    if (row.length !== width) throw new HlsLayoutError(`${what}: row ${r} has ${row.length} entries, expected ${width}`);
  });
}

/** Fold a weight matrix W [MH][MW] (row = output channel) into the MVAU memory [PE][TILES][SIMD]. */
export function foldMvauWeights<T>(w: readonly (readonly T[])[], folding: MvauFolding): T[][][] {
  const { mw, mh, simd, pe } = folding;
  checkFold('MVAU weights', mw, simd, 'SIMD');
  checkFold('MVAU weights', mh, pe, 'PE');
  checkRows('MVAU weights W[MH][MW]', w, mh, mw);
  const sf = mw / simd;
  const nf = mh / pe;
  const out: T[][][] = [];
  for (let p = 0; p < pe; p++) {
    const tiles: T[][] = [];
    for (let f = 0; f < nf; f++) {
      for (let t = 0; t < sf; t++) {
        const lanes: T[] = [];
        for (let s = 0; s < simd; s++) lanes.push(w[f * pe + p]![t * simd + s]!);
        tiles.push(lanes);
      }
    }
    out.push(tiles);
  }
  return out;
}

/** Fold per-channel thresholds T [C][NT] into the memory [PE][C / PE][NT]. */
export function foldThresholds<T>(t: readonly (readonly T[])[], pe: number): T[][][] {
  const channels = t.length;
  checkFold('thresholds', channels, pe, 'PE');
  const steps = t[0]!.length;
  checkRows('thresholds T[C][NT]', t, channels, steps);
  const out: T[][][] = [];
  for (let p = 0; p < pe; p++) {
    const rows: T[][] = [];
    for (let f = 0; f < channels / pe; f++) rows.push([...t[f * pe + p]!]);
    out.push(rows);
  }
  return out;
}

/** Fold a per-channel parameter vector P [C] into the memory [PE][C / PE]. */
export function foldChannelParams<T>(values: readonly T[], pe: number): T[][] {
  checkFold('channel parameters', values.length, pe, 'PE');
  const out: T[][] = [];
  for (let p = 0; p < pe; p++) {
    const row: T[] = [];
    for (let f = 0; f < values.length / pe; f++) row.push(values[f * pe + p]!);
    out.push(row);
  }
  return out;
}

function checkBits(bits: number): void {
  if (!Number.isInteger(bits) || bits < 1) throw new HlsLayoutError(`element width ${bits} must be a positive integer`);
}

/**
 * Pack element values (each given as its integer value, signed or not) into one word: element k at
 * bits [(k + 1) * bits - 1 : k * bits]. Values are taken modulo 2^bits (two's complement).
 */
export function packWord(values: readonly (number | bigint)[], bits: number): bigint {
  checkBits(bits);
  let word = 0n;
  values.forEach((v, k) => {
    word |= BigInt.asUintN(bits, BigInt(v)) << BigInt(k * bits);
  });
  return word;
}

/** The `count` elements of a packed word, as signed or unsigned values of `bits` bits. */
export function unpackWord(word: bigint, bits: number, count: number, signed: boolean): bigint[] {
  checkBits(bits);
  const out: bigint[] = [];
  for (let k = 0; k < count; k++) {
    const raw = BigInt.asUintN(bits, word >> BigInt(k * bits));
    out.push(signed ? BigInt.asIntN(bits, raw) : raw);
  }
  return out;
}

/** Pack a vector of C channels into C / lanes words of `lanes` elements each. */
export function packVector(values: readonly (number | bigint)[], bits: number, lanes: number): bigint[] {
  checkFold('packed vector', values.length, lanes, 'lanes');
  const words: bigint[] = [];
  for (let f = 0; f < values.length / lanes; f++) words.push(packWord(values.slice(f * lanes, (f + 1) * lanes), bits));
  return words;
}

export type NestedIntegers = number | bigint | readonly NestedIntegers[];

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;

/** One C++ integer literal, valid for any value in the int64 range (`LL` suffix beyond int32). */
export function cppIntegerLiteral(value: number | bigint): string {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new HlsLayoutError(`${value} is not a safe integer; pass a bigint`);
  }
  const v = BigInt(value);
  if (v < INT64_MIN || v > INT64_MAX) {
    throw new HlsLayoutError(`${v} does not fit a 64-bit C++ integer literal`);
  }
  if (v === INT64_MIN) return '(-9223372036854775807LL - 1)';
  if (v < INT32_MIN || v > INT32_MAX) return `${v}LL`;
  return v.toString();
}

/** C++ aggregate initialiser for nested arrays of integers, e.g. `{{1, -2}, {3, 4}}`. */
export function cppInitializer(values: NestedIntegers): string {
  if (typeof values === 'number' || typeof values === 'bigint') return cppIntegerLiteral(values);
  return `{${values.map((v) => cppInitializer(v)).join(', ')}}`;
}
