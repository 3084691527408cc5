import Long from 'long';

/**
 * protobufjs hands 64-bit integers out as `Long` objects (or plain numbers when built without
 * `long`). These helpers convert them at the IR boundary: to bigint where all 64 bits matter, to a
 * number (checked to be a safe integer) for counts, versions and dimensions. Long objects are read
 * by their `low` / `high` fields, so a Long from another copy of the `long` package works too.
 */
export type Int64Like = number | { low: number; high: number; unsigned?: boolean };

export function int64ToBigInt(v: Int64Like, unsigned = false): bigint {
  if (typeof v === 'number') return BigInt(v);
  const bits = (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0);
  return unsigned ? bits : BigInt.asIntN(64, bits);
}

/** The value as a JS number, or `undefined` when it is not a safe integer. */
export function int64ToSafeNumber(v: Int64Like, unsigned = false): number | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : undefined;
  const n = Number(int64ToBigInt(v, unsigned));
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A Long for protobufjs' int64 fields (exact for the whole signed 64-bit range). */
export function bigIntToLong(v: bigint | number): Long {
  return Long.fromBigInt(BigInt.asIntN(64, BigInt(v)), false);
}

/** A Long for protobufjs' uint64 fields. */
export function bigIntToULong(v: bigint | number): Long {
  return Long.fromBigInt(BigInt.asUintN(64, BigInt(v)), true);
}
