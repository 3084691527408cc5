import { ScanflowError } from '@scanflow/ir';

/** The model cannot be turned into HLS C++ (unsupported layer, missing annotation, bad partition ...). */
export class HlsCodegenError extends ScanflowError {
  constructor(message: string) {
    super('HLS_CODEGEN', message);
    this.name = 'HlsCodegenError';
  }
}
