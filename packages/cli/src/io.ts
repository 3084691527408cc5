import { escapeControl, escapeControlInJson } from '@scanflow/ir';

/** Where a command writes: injectable so tests can capture output. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
}

/** Whether `text` is one JSON document (whose newlines are layout: JSON escapes those inside strings). */
function isJson(text: string): boolean {
  const c = text.trimStart()[0];
  if (c !== '{' && c !== '[') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The one place where everything scanflow prints passes: control characters are shown as escapes
 * (`\x1b`, `\r` ...), so nothing printed can drive the terminal; a line keeps its newlines only if
 * it is a JSON document (which stays valid: `\uXXXX` escapes) — any other text is one line however
 * many newlines a name from a model holds.
 */
export function safeIO(io: CliIO): CliIO & { raw: CliIO } {
  const clean = (text: string): string => (isJson(text) ? escapeControlInJson(text) : escapeControl(text));
  return {
    out: (line) => io.out(clean(line)),
    err: (line) => io.err(clean(line)),
    // Text scanflow itself wrote over several lines (help): other control characters still escaped.
    raw: { out: (text) => io.out(escapeControl(text, true)), err: (text) => io.err(escapeControl(text, true)) },
  };
}

/** Standard output that stops quietly when the reader goes away (EPIPE), and remembers other write errors. */
export interface ProcessIO extends CliIO {
  /** The first error writing standard output other than EPIPE (e.g. ENOSPC), if any. */
  readonly stdoutError: NodeJS.ErrnoException | undefined;
  /** Whether the reader of standard output closed it. */
  readonly stdoutClosed: boolean;
}

export function createProcessIO(): ProcessIO {
  let closed = false;
  let failure: NodeJS.ErrnoException | undefined;
  const onError = (e: NodeJS.ErrnoException): void => {
    if (e.code === 'EPIPE') closed = true;
    else failure ??= e;
  };
  process.stdout.on('error', onError);
  process.stderr.on('error', () => undefined); // nowhere left to report it
  return {
    out: (line) => {
      if (closed || failure) return;
      try {
        process.stdout.write(`${line}\n`, (e) => e && onError(e as NodeJS.ErrnoException));
      } catch (e) {
        onError(e as NodeJS.ErrnoException);
      }
    },
    err: (line) => {
      try {
        process.stderr.write(`${line}\n`);
      } catch {
        // standard error is gone: nothing to do
      }
    },
    get stdoutError() {
      return failure;
    },
    get stdoutClosed() {
      return closed;
    },
  };
}

/** Plain process output, for callers of `main` that do not need the EPIPE handling. */
export const processIO: CliIO = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};
