/**
 * Base class for every error scanflow raises on purpose. `code` is stable and machine-readable;
 * `message` names the node, tensor or file at fault and what was expected.
 */
export class ScanflowError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ScanflowError';
    this.code = code;
  }
}

/** A model or graph breaks an IR rule (missing value, cycle, bad attribute, bad shape...). */
export class IrError extends ScanflowError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('IR_INVALID', message, options);
    this.name = 'IrError';
  }
}

/** No registered op schema, kernel or other contribution matches a lookup. */
export class UnsupportedOpError extends ScanflowError {
  constructor(message: string) {
    super('UNSUPPORTED_OP', message);
    this.name = 'UnsupportedOpError';
  }
}

export function isScanflowError(e: unknown): e is ScanflowError {
  return e instanceof ScanflowError;
}
