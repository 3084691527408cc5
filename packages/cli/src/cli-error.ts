import { ScanflowError } from '@scanflow/ir';

/** A problem with how the command was called (bad flag, conflicting flags, bad option value): exit code 2. */
export class UsageError extends ScanflowError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('USAGE', message, { ...options, category: 'usage' });
    this.name = 'UsageError';
  }
}

/** An input file or folder (test inputs, folding file) is missing or does not fit the model: exit code 1. */
export class InputError extends ScanflowError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INPUT_INVALID', message, { ...options, category: 'input' });
    this.name = 'InputError';
  }
}

/** The machine is in the way: a file cannot be written (disk full, permissions), a tool is missing: exit code 1. */
export class EnvironmentError extends ScanflowError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, { ...options, category: 'environment' });
    this.name = 'EnvironmentError';
  }
}
