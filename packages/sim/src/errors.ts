import { ScanflowError, type ScanflowErrorOptions } from '@scanflow/ir';

/** A model could not be simulated: bad inputs, an unsupported op, or a kernel refusing its operands. */
export class SimulationError extends ScanflowError {
  constructor(message: string, options?: ScanflowErrorOptions) {
    super('SIMULATION_FAILED', message, options);
    this.name = 'SimulationError';
  }
}
