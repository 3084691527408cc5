import { ScanflowError } from '@scanflow/ir';

/** A problem with how the command was called (bad flag, missing file): exit code 2. */
export class UsageError extends ScanflowError {
  constructor(message: string) {
    super('USAGE', message);
    this.name = 'UsageError';
  }
}
