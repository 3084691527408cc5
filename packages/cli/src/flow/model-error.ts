import { ScanflowError } from '@scanflow/ir';

/** The model cannot go through the flow as asked (float cell, ops left on the host, no hardware...): exit code 1. */
export class FlowError extends ScanflowError {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = 'FlowError';
  }
}
