import { ScanflowError, type ScanflowErrorOptions } from '@scanflow/ir';

/** A file is not valid ONNX: bad protobuf, a missing or inconsistent field, an unsupported encoding. */
export class OnnxFormatError extends ScanflowError {
  constructor(message: string, options?: ScanflowErrorOptions) {
    super('ONNX_INVALID', message, options);
    this.name = 'OnnxFormatError';
  }
}

/** A tensor's external data cannot be read or written safely (bad key, path, range or size). */
export class ExternalDataError extends ScanflowError {
  constructor(message: string, options?: ScanflowErrorOptions) {
    super('EXTERNAL_DATA', message, options);
    this.name = 'ExternalDataError';
  }
}

/** The message of any thrown value, for wrapping foreign errors. */
export function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
