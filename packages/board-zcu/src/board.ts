import type { AcceleratorDescription, AcceleratorInterface, Resources } from '@scanflow/hls-backend';

/** What a board's file generator gets: the accelerator's interface and computation, where the HLS project is. */
export interface BoardFilesInput {
  /** interface.json of the accelerator (ports, stream layout v2, host side). */
  readonly interface: AcceleratorInterface;
  /** accelerator.json (the integer computation, for the driver's reference path). */
  readonly description: AcceleratorDescription;
  /** The HLS project folder relative to the board folder (default `../hls`). */
  readonly hlsFolder?: string;
}

/** A target board: its FPGA part, default clock and the programmable-logic resources it offers. */
export interface BoardDefinition {
  /** Registry key, e.g. `zcu104`. */
  name: string;
  description: string;
  /** Vivado part name. */
  part: string;
  /** Vivado board part (board files), e.g. `xilinx.com:zcu104:part0:1.1`. */
  boardPart?: string;
  /** Default clock period of the generated accelerator, in ns. */
  clockPeriodNs: number;
  /** Resources of the part's programmable logic (the whole device, not what is free after a shell). */
  resources: Resources;
  /** Where the numbers come from and caveats. */
  notes: string[];
  /**
   * The board folder for an accelerator: relative path → content (block design, bitstream script,
   * driver ...). Deterministic; paths and names only from sanitised identifiers.
   */
  boardFiles?: (input: BoardFilesInput) => Map<string, string>;
}
