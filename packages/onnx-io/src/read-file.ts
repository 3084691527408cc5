import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { type ErrorCategory, LimitError, quoteName, ScanflowError } from '@scanflow/ir';
import { describeError } from './errors';
import { formatBytes } from './limits';

/** A file cannot be read as asked: missing, not a regular file (a folder, device or FIFO), unreadable. */
export class FileReadError extends ScanflowError {
  constructor(message: string, options?: { cause?: unknown; category?: ErrorCategory }) {
    super('FILE_UNREADABLE', message, { category: 'input', ...options });
    this.name = 'FileReadError';
  }
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

export interface ReadRegularFileOptions {
  /** What the file is, for messages: 'ONNX model file', 'tensor file'. */
  what: string;
  maxBytes: number;
  /** The limit's option name, for the message (e.g. maxModelBytes). */
  limitName: string;
  /** How to raise the limit, for the message. */
  raiseHint: string;
  /** Category of a file that is too large (default 'input'). */
  category?: ErrorCategory;
}

/**
 * Reads a whole regular file, refusing anything else before reading a byte: the file is opened
 * non-blocking (so a FIFO without a writer cannot block) and checked with fstat on the open
 * descriptor (no race with a swapped path); a file above `maxBytes` is refused, and reading stops
 * at `maxBytes` even if the file grows meanwhile.
 */
export function readRegularFile(path: string, o: ReadRegularFileOptions): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : describeError(e);
    throw new FileReadError(`cannot read ${o.what} ${quoteName(path)}: ${why}`, { cause: e });
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new FileReadError(`${o.what} ${quoteName(path)} is ${kindOf(st)}; expected a regular file`);
    if (st.size > o.maxBytes) {
      throw new LimitError(o.limitName, `${o.what} ${quoteName(path)} is ${st.size} bytes, over the limit ${o.limitName} = ${formatBytes(o.maxBytes)} (${o.raiseHint})`, {
        category: o.category ?? 'input',
      });
    }
    const out = new Uint8Array(st.size);
    let done = 0;
    while (done < out.length) {
      const n = readSync(fd, out, done, out.length - done, done);
      if (n === 0) break; // the file shrank meanwhile: return what is there
      done += n;
    }
    return done === out.length ? out : out.subarray(0, done);
  } catch (e) {
    if (e instanceof ScanflowError) throw e;
    throw new FileReadError(`cannot read ${o.what} ${quoteName(path)}: ${describeError(e)}`, { cause: e });
  } finally {
    closeSync(fd);
  }
}
