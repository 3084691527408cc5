/**
 * Who has to act on an error, and so the CLI's exit code: the command line (`usage`, exit 2), the
 * model file (`model`, 1), an input or configuration file (`input`, 1), the machine — disk, missing
 * tools, limits of the host (`environment`, 1) — or scanflow itself (`internal`, a bug: 70).
 */
export type ErrorCategory = 'usage' | 'model' | 'input' | 'environment' | 'internal';

export interface ScanflowErrorOptions {
  cause?: unknown;
  /** Default: 'model' (most errors a user can cause come from the model). */
  category?: ErrorCategory;
}

/**
 * Base class for every error scanflow raises on purpose. `code` is stable and machine-readable;
 * `category` says who has to act (see ErrorCategory); `message` names the node, tensor or file at
 * fault and what was expected.
 */
export class ScanflowError extends Error {
  readonly code: string;
  readonly category: ErrorCategory;

  constructor(code: string, message: string, options?: ScanflowErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ScanflowError';
    this.code = code;
    this.category = options?.category ?? 'model';
  }
}

/** A model or graph breaks an IR rule (missing value, cycle, bad attribute, bad shape...). */
export class IrError extends ScanflowError {
  constructor(message: string, options?: ScanflowErrorOptions) {
    super('IR_INVALID', message, options);
    this.name = 'IrError';
  }
}

/** No registered op schema, kernel or other contribution matches a lookup. */
export class UnsupportedOpError extends ScanflowError {
  constructor(message: string, options?: ScanflowErrorOptions) {
    super('UNSUPPORTED_OP', message, options);
    this.name = 'UnsupportedOpError';
  }
}

/**
 * A configurable limit was exceeded (file size, tensor elements, graph size, nesting). `limit` is
 * the option's name (e.g. `maxTensorElements`); the message says how to raise it.
 */
export class LimitError extends ScanflowError {
  readonly limit: string;

  constructor(limit: string, message: string, options?: ScanflowErrorOptions) {
    super('LIMIT_EXCEEDED', message, options);
    this.name = 'LimitError';
    this.limit = limit;
  }
}

export function isScanflowError(e: unknown): e is ScanflowError {
  return e instanceof ScanflowError;
}

/** The category of any thrown value: a ScanflowError's own, 'internal' for everything else. */
export function errorCategory(e: unknown): ErrorCategory {
  return isScanflowError(e) ? e.category : 'internal';
}

/** The process exit code for a category: 2 usage, 70 internal (EX_SOFTWARE), 1 otherwise. */
export function exitCodeOf(category: ErrorCategory): number {
  if (category === 'usage') return 2;
  if (category === 'internal') return 70;
  return 1;
}
