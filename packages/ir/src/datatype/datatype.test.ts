import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFORMANCE_DIR } from '../../test/conformance-path';
import { DataType, parseDataType, smallestDataTypeFor, smallestIntTypeForRange } from './datatype';
import { quantIntRange } from './int-range';

interface RangeRow {
  bitwidth: number;
  signed: number;
  narrow: number;
  min_int: number;
  max_int: number;
}
const table = (JSON.parse(readFileSync(join(CONFORMANCE_DIR, 'qonnx', 'vectors.json'), 'utf8')) as { int_range_table: RangeRow[] }).int_range_table;

describe('integer ranges against qonnx int_range_table', () => {
  it('covers bit widths 1..16, signed and unsigned, narrow or not', () => {
    expect(table.length).toBe(16 * 4);
  });
  it.each(table)('b=$bitwidth signed=$signed narrow=$narrow → [$min_int, $max_int]', (row) => {
    expect(quantIntRange(row.bitwidth, row.signed === 1, row.narrow === 1)).toEqual([row.min_int, row.max_int]);
    if (!row.narrow) {
      const t = row.signed ? DataType.int(row.bitwidth) : DataType.uint(row.bitwidth);
      expect([t.min, t.max]).toEqual([row.min_int, row.max_int]);
      expect(t.allowed(row.min_int) && t.allowed(row.max_int)).toBe(true);
      expect(t.allowed(row.min_int - 1) || t.allowed(row.max_int + 1)).toBe(false);
    }
  });
});

describe('DataType', () => {
  it.each([
    ['INT4', 4, -8, 7, true, true],
    ['UINT8', 8, 0, 255, true, false],
    ['BINARY', 1, 0, 1, true, false],
    ['BIPOLAR', 1, -1, 1, true, true],
    ['TERNARY', 2, -1, 1, true, true],
    ['FIXED<8,3>', 8, -4, 3.96875, false, true],
    ['INT64', 64, -(2 ** 63), 2 ** 63, true, true],
  ])('%s: width %d, range [%d, %d]', (name, width, min, max, isInteger, signed) => {
    const t = parseDataType(name);
    expect(t.name).toBe(name);
    expect(t.bitWidth).toBe(width);
    expect(t.min).toBe(min);
    expect(t.max).toBe(max);
    expect(t.isInteger).toBe(isInteger);
    expect(t.signed).toBe(signed);
  });

  it('UINT1 canonicalises to BINARY and INT64 bounds are exact as bigints', () => {
    expect(parseDataType('UINT1')).toBe(DataType.BINARY);
    expect(DataType.int(64).maxInt).toBe(2n ** 63n - 1n);
    expect(DataType.uint(64).maxInt).toBe(2n ** 64n - 1n);
  });

  it('allowed() follows each type’s value set', () => {
    expect(DataType.BIPOLAR.allowed(0)).toBe(false);
    expect(DataType.TERNARY.allowed(0)).toBe(true);
    expect(DataType.int(3).allowed(2.5)).toBe(false);
    const fx = DataType.fixed(8, 3); // LSB 1/32
    expect(fx.scaleFactor).toBe(1 / 32);
    expect(fx.allowed(1 / 32)).toBe(true);
    expect(fx.allowed(1 / 64)).toBe(false);
    expect(fx.allowed(4)).toBe(false);
    expect(DataType.FLOAT32.allowed(1e30)).toBe(true);
    const e4m3 = DataType.float(4, 3); // bias 7, max (2 - 1/8) * 2^8 = 480
    expect(e4m3.max).toBe(480);
    expect(e4m3.allowed(1.125)).toBe(true);
    expect(e4m3.allowed(1.0625)).toBe(false);
  });

  it('SCALEDINT has no range and FIXED needs i < w', () => {
    expect(() => DataType.scaledInt(8).min).toThrow(/SCALEDINT/);
    expect(() => parseDataType('FIXED<4,4>')).toThrow(/integer bits/);
    expect(() => parseDataType('INT0')).toThrow(/bit width/);
    expect(() => parseDataType('WIDGET')).toThrow(/unknown datatype name 'WIDGET'/);
  });

  it('prints and parses back every kind', () => {
    for (const n of ['INT1', 'INT17', 'UINT33', 'BINARY', 'BIPOLAR', 'TERNARY', 'FIXED<16,6>', 'SCALEDINT<12>', 'FLOAT32', 'FLOAT16', 'FLOAT<5,2>', 'FLOAT<4,3,8>']) {
      expect(parseDataType(n).toString()).toBe(n);
    }
  });
});

describe('smallest types', () => {
  it.each([
    [0, 'BINARY'],
    [1, 'BINARY'],
    [2, 'UINT2'],
    [255, 'UINT8'],
    [256, 'UINT9'],
    [-1, 'BIPOLAR'],
    [-2, 'INT2'],
    [-129, 'INT9'],
    [0.5, 'FLOAT32'],
  ])('smallestDataTypeFor(%d) = %s (qonnx candidate order)', (v, name) => {
    expect(smallestDataTypeFor(v).name).toBe(name);
  });

  it.each([
    [0, 1, 'BINARY'],
    [0, 255, 'UINT8'],
    [-1, 0, 'INT2'],
    [-128, 127, 'INT8'],
    [-128, 128, 'INT9'],
    [-3, 100, 'INT8'],
  ])('smallestIntTypeForRange(%d, %d) = %s', (lo, hi, name) => {
    expect(smallestIntTypeForRange(lo, hi).name).toBe(name);
  });

  it('contains() compares value sets', () => {
    expect(DataType.int(8).contains(DataType.uint(7))).toBe(true);
    expect(DataType.int(8).contains(DataType.uint(8))).toBe(false);
    expect(DataType.int(2).contains(DataType.BIPOLAR)).toBe(true);
    expect(DataType.uint(2).contains(DataType.BIPOLAR)).toBe(false);
  });
});
