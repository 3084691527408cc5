import type { Resources } from '@scanflow/hls-backend';

/** A target board: its FPGA part, default clock and the programmable-logic resources it offers. */
export interface BoardDefinition {
  /** Registry key, e.g. `zcu104`. */
  name: string;
  description: string;
  /** Vivado part name. */
  part: string;
  /** Default clock period of the generated accelerator, in ns. */
  clockPeriodNs: number;
  /** Resources of the part's programmable logic (the whole device, not what is free after a shell). */
  resources: Resources;
  /** Where the numbers come from and caveats. */
  notes: string[];
}
