import type { BoardDefinition } from './board';
import { zynqPynqBoardFiles } from './board-files';
import { PINNED_VIVADO_VERSION } from './pinned-tools';

/**
 * Programmable-logic resources of the XCZU7EV, from AMD DS891, "Zynq UltraScale+ MPSoC Data Sheet:
 * Overview", device table (ZU7EV column): 230,400 CLB LUTs, 460,800 CLB flip-flops, 312 block RAMs
 * of 36 Kb (= 624 RAMB18), 96 UltraRAMs, 1,728 DSP slices.
 * (Not re-read from the data sheet in this repository's history: the stored search index held no
 * copy of DS891's table; check against the current revision when in doubt.)
 */
export const XCZU7EV_RESOURCES = { lut: 230400, ff: 460800, bram18: 624, uram: 96, dsp: 1728 } as const;

/**
 * FINN's planning numbers for the ZCU104 (its platform resource table, reference notes): 230000 LUT,
 * 460000 FF, 610 BRAM18, 92 URAM, 1728 DSP. Rounded down for the shell; a note only, not used here.
 */
export const FINN_ZCU104_PLANNING = { lut: 230000, ff: 460000, bram18: 610, uram: 92, dsp: 1728 } as const;

/** Vivado board part of the ZCU104 (its board files ship with Vivado). */
export const ZCU104_BOARD_PART = 'xilinx.com:zcu104:part0:1.1';

/** Default clock: 5 ns (200 MHz). */
export const ZCU104_CLOCK_PERIOD_NS = 5;

/**
 * The AMD ZCU104 evaluation board: XCZU7EV-2FFVC1156 (speed grade -2, extended temperature).
 *
 * Clock choice: 5 ns / 200 MHz. It is the usual target of HLS dataflow designs on this part (FINN's
 * ZCU104 flows default to it too), it leaves margin for II = 1 loops with adder trees and BRAM reads
 * on a -2 part, and it divides the PS reference clocks cleanly (a PL clock from the PS PLLs).
 * Higher clocks (250–300 MHz) are reachable for small layers but need timing closure per design.
 */
export function zcu104(): BoardDefinition {
  const board: BoardDefinition = {
    name: 'zcu104',
    description: 'AMD Zynq UltraScale+ MPSoC ZCU104 evaluation board (XCZU7EV-2FFVC1156)',
    part: 'xczu7ev-ffvc1156-2-e',
    boardPart: ZCU104_BOARD_PART,
    clockPeriodNs: ZCU104_CLOCK_PERIOD_NS,
    resources: { ...XCZU7EV_RESOURCES },
    notes: [
      'resources: AMD DS891 (Zynq UltraScale+ MPSoC Data Sheet: Overview), ZU7EV: 230,400 LUT, 460,800 FF, 312 BRAM36 = 624 BRAM18, 96 URAM, 1,728 DSP',
      "FINN's planning numbers for this board are lower (230000 LUT, 460000 FF, 610 BRAM18, 92 URAM, 1728 DSP); leave headroom for the shell",
      'default clock 5 ns (200 MHz)',
      `block design and bitstream scripts for Vivado ${PINNED_VIVADO_VERSION}; PYNQ driver`,
    ],
    boardFiles: (input) => zynqPynqBoardFiles(board, input),
  };
  return board;
}
