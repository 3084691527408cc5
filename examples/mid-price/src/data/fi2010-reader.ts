import { closeSync, openSync, readSync } from 'node:fs';
import { FEATURE_ROWS, FI2010_ROWS, FIRST_LABEL_ROW, type Fi2010Data, Fi2010FormatError, LABEL_ROWS } from './fi2010-format';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Tokens allowed in the unused hand-crafted rows besides numbers (MATLAB writes NaN / Inf). */
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

/**
 * Reads one FI-2010 text file (149 rows × samples). The file is read in chunks, so files larger
 * than a JavaScript string (the real training files are ~600 MB) are fine. Every row must hold the
 * same number of values; the book rows must be finite numbers and the label rows 1, 2 or 3.
 * Errors name the file, line and column (the column is the value's position in its line, from 1).
 */
export function readFi2010File(path: string, options: { chunkBytes?: number } = {}): Fi2010Data {
  const fd = openSync(path, 'r');
  try {
    return parse(path, fd, options.chunkBytes ?? 1 << 20);
  } finally {
    closeSync(fd);
  }
}

function parse(path: string, fd: number, chunkBytes: number): Fi2010Data {
  const fail = (line: number, col: number | undefined, what: string): never => {
    throw new Fi2010FormatError(`${path}: line ${line}${col !== undefined ? `, column ${col}` : ''}: ${what}`);
  };
  let events = -1; // known once line 1 is complete
  let firstRow: number[] = [];
  const rows: Float32Array[] = []; // book rows 2…40
  const labels: Uint8Array[] = [];
  let row: Float32Array | Uint8Array | undefined;
  let line = 1; // 1-based line being read
  let col = 0; // values read on this line
  let rowsSeen = 0; // non-empty lines completed
  let token = '';

  const startLine = (): void => {
    const r = rowsSeen; // 0-based row index of the line that starts
    row = undefined;
    if (r === 0 || events < 0) return;
    if (r < FEATURE_ROWS) rows.push((row = new Float32Array(events)));
    else if (r >= FIRST_LABEL_ROW && r < FI2010_ROWS) labels.push((row = new Uint8Array(events)));
  };
  const value = (text: string): void => {
    const r = rowsSeen;
    if (r >= FI2010_ROWS) fail(line, undefined, `more than ${FI2010_ROWS} rows (an FI-2010 file has ${FI2010_ROWS}: 40 book features, 104 hand-crafted features, 5 labels)`);
    col++;
    if (events >= 0 && col > events) fail(line, col, `more values than the ${events} of line 1`);
    const numeric = NUMBER.test(text);
    if (r < FEATURE_ROWS || r >= FIRST_LABEL_ROW) {
      if (!numeric) fail(line, col, `'${text.slice(0, 40)}' is not a number`);
      const v = Number(text);
      if (r >= FIRST_LABEL_ROW) {
        if (v !== 1 && v !== 2 && v !== 3) fail(line, col, `label ${text} is not 1, 2 or 3`);
        (row as Uint8Array)[col - 1] = v;
      } else if (r === 0) firstRow.push(v);
      else (row as Float32Array)[col - 1] = v;
    } else if (!numeric && !NON_FINITE.test(text)) {
      fail(line, col, `'${text.slice(0, 40)}' is not a number`);
    }
  };
  const endLine = (): void => {
    if (col > 0) {
      if (rowsSeen === 0) events = col;
      else if (col !== events) fail(line, undefined, `${col} values, expected ${events} (as line 1)`);
      rowsSeen++;
    } else if (rowsSeen > 0 && rowsSeen < FI2010_ROWS) {
      fail(line, undefined, `empty line inside the matrix (row ${rowsSeen + 1} of ${FI2010_ROWS} expected)`);
    }
    line++;
    col = 0;
    startLine();
  };

  const buf = Buffer.allocUnsafe(chunkBytes);
  for (;;) {
    const n = readSync(fd, buf, 0, chunkBytes, null);
    if (n === 0) break;
    let start = 0;
    for (let i = 0; i < n; i++) {
      const c = buf[i];
      if (c === 32 || c === 9 || c === 13 || c === 10) {
        if (i > start) token += buf.toString('latin1', start, i);
        if (token) value(token);
        token = '';
        start = i + 1;
        if (c === 10) endLine();
      }
    }
    if (start < n) token += buf.toString('latin1', start, n);
  }
  if (token) value(token);
  if (col > 0) endLine();
  if (rowsSeen !== FI2010_ROWS) fail(line - 1, undefined, `the file ends after ${rowsSeen} rows, expected ${FI2010_ROWS} (40 book features, 104 hand-crafted features, 5 labels)`);

  const features = new Float32Array(events * FEATURE_ROWS);
  for (let t = 0; t < events; t++) features[t * FEATURE_ROWS] = firstRow[t];
  firstRow = [];
  rows.forEach((r, k) => {
    for (let t = 0; t < events; t++) features[t * FEATURE_ROWS + k + 1] = r[t];
  });
  const lab = new Uint8Array(LABEL_ROWS * events);
  labels.forEach((r, h) => lab.set(r, h * events));
  return { events, features, labels: lab };
}
