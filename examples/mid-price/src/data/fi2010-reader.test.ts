import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FI2010_ROWS, Fi2010FormatError } from './fi2010-format';
import { readFi2010File } from './fi2010-reader';
import { writeFi2010File } from './fi2010-writer';

const dir = mkdtempSync(join(tmpdir(), 'fi2010-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 149-row file of `n` columns; row r, column t holds r + t / 100 (labels: 1 + (r + t) % 3). */
function matrix(n: number): string[][] {
  return Array.from({ length: FI2010_ROWS }, (_, r) => Array.from({ length: n }, (_, t) => (r >= 144 ? String(1 + ((r + t) % 3)) : (r + t / 100).toExponential(7))));
}

function write(name: string, rows: string[][], sep = '  ', eol = '\n'): string {
  const p = join(dir, name);
  writeFileSync(p, rows.map((r) => sep + r.join(sep)).join(eol) + eol);
  return p;
}

describe('readFi2010File', () => {
  it('reads the 40 book rows sample-major and the 5 label rows horizon-major', () => {
    const data = readFi2010File(write('good.txt', matrix(3)));
    expect(data.events).toBe(3);
    // sample 2, feature 5: row 5 + 2/100
    expect(data.features[2 * 40 + 5]).toBeCloseTo(5.02, 6);
    expect(data.features[0 * 40 + 39]).toBeCloseTo(39, 6);
    expect(data.features.length).toBe(3 * 40);
    // label row 144 (horizon k = 1), sample 1: 1 + (144 + 1) % 3 = 2; row 148 (k = 10), sample 2: 1 + 150 % 3 = 1
    expect(data.labels[0 * 3 + 1]).toBe(2);
    expect(data.labels[4 * 3 + 2]).toBe(1);
  });

  it('does not depend on chunk boundaries, separators or line endings', () => {
    const a = readFi2010File(write('a.txt', matrix(5)));
    const b = readFi2010File(write('b.txt', matrix(5), '\t', '\r\n'), { chunkBytes: 7 });
    expect(b).toEqual(a);
  });

  it('accepts NaN and Inf in the unused hand-crafted rows only', () => {
    const rows = matrix(2);
    rows[60][1] = 'NaN';
    rows[100][0] = '-Inf';
    expect(readFi2010File(write('nan-ok.txt', rows)).events).toBe(2);
    rows[3][1] = 'NaN';
    expect(() => readFi2010File(write('nan-bad.txt', rows))).toThrow(/line 4, column 2: 'NaN' is not a number/);
  });

  it('names the line and column of a value that is not a number', () => {
    const rows = matrix(4);
    rows[9][2] = '1.2.3';
    const p = write('bad-number.txt', rows);
    expect(() => readFi2010File(p)).toThrow(Fi2010FormatError);
    expect(() => readFi2010File(p)).toThrow(`${p}: line 10, column 3: '1.2.3' is not a number`);
  });

  it('names a label that is not 1, 2 or 3', () => {
    const rows = matrix(4);
    rows[147][3] = '4';
    expect(() => readFi2010File(write('bad-label.txt', rows))).toThrow(/line 148, column 4: label 4 is not 1, 2 or 3/);
    rows[147][3] = '2.5';
    expect(() => readFi2010File(write('bad-label2.txt', rows))).toThrow(/line 148, column 4: label 2.5 is not 1, 2 or 3/);
  });

  it('refuses a wrong row count', () => {
    expect(() => readFi2010File(write('short.txt', matrix(3).slice(0, 148)))).toThrow(/the file ends after 148 rows, expected 149/);
    const long = [...matrix(3), ['1', '1', '1']];
    expect(() => readFi2010File(write('long.txt', long))).toThrow(/line 150: more than 149 rows/);
  });

  it('refuses rows of different lengths and empty lines inside the matrix', () => {
    const rows = matrix(3);
    rows[20] = rows[20].slice(0, 2);
    expect(() => readFi2010File(write('ragged.txt', rows))).toThrow(/line 21: 2 values, expected 3 \(as line 1\)/);
    const wide = matrix(3);
    wide[7] = [...wide[7], '0'];
    expect(() => readFi2010File(write('wide.txt', wide))).toThrow(/line 8, column 4: more values than the 3 of line 1/);
    const p = join(dir, 'gap.txt');
    const lines = matrix(3).map((r) => r.join(' '));
    lines.splice(30, 0, '');
    writeFileSync(p, lines.join('\n'));
    expect(() => readFi2010File(p)).toThrow(/line 31: empty line inside the matrix \(row 31 of 149 expected\)/);
  });

  it('reads back what the writer wrote', () => {
    const features = Float32Array.from({ length: 4 * 40 }, (_, i) => Math.fround(Math.sin(i) * 3));
    const labels = Uint8Array.from({ length: 5 * 4 }, (_, i) => 1 + (i % 3));
    const p = join(dir, 'round-trip.txt');
    writeFi2010File(p, { events: 4, features, labels });
    const back = readFi2010File(p);
    expect(back.labels).toEqual(labels);
    // 8 significant digits: float32 values come back to within one part in 10^7
    for (let i = 0; i < features.length; i++) expect(back.features[i]).toBeCloseTo(features[i], 6);
  });
});
