import { errorCategory, escapeControl, exitCodeOf, isScanflowError } from '@scanflow/ir';
import type { CliIO } from './io';

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EISDIR: 'is a folder',
  ENOTDIR: 'not a folder',
  EEXIST: 'already exists',
  EMFILE: 'too many open files',
};

/** A system error's short description, e.g. "no space left on the device (ENOSPC)". */
export function describeErrno(e: NodeJS.ErrnoException): string {
  const text = e.code ? ERRNO_TEXT[e.code] : undefined;
  return text ? `${text} (${e.code})` : e.message;
}

/**
 * Prints any thrown value as one line on standard error and returns the exit code: a ScanflowError
 * as `scanflow: <category> error [<CODE>]: <message>` (exit 2 for usage, 1 for model / input /
 * environment); a system error with a path as an environment error; anything else as an internal
 * error (exit 70). Control characters — newlines included — are escaped, so the message is one
 * line. The stack trace follows only with `debug`.
 */
export function reportError(e: unknown, io: CliIO, debug: boolean, multiline: CliIO = io): number {
  const category = errorCategory(e);
  let line: string;
  let code = exitCodeOf(category);
  const errno = e as NodeJS.ErrnoException;
  if (isScanflowError(e)) {
    line = category === 'internal' ? `internal error [${e.code}]: ${e.message} (a bug in scanflow; --debug shows the stack trace)` : `${category} error [${e.code}]: ${e.message}`;
  } else if (errno && typeof errno.code === 'string' && typeof errno.path === 'string') {
    line = `environment error [${errno.code}]: '${errno.path}': ${describeErrno(errno)}`;
    code = 1;
  } else {
    line = `internal error: ${(e as Error)?.message ?? String(e)} (a bug in scanflow; --debug shows the stack trace)`;
  }
  io.err(`scanflow: ${escapeControl(line)}`);
  if (debug) multiline.err(escapeControl(String((e as Error)?.stack ?? e), true));
  return code;
}
