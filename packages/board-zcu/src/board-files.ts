import type { BoardDefinition, BoardFilesInput } from './board';
import { generateBitstreamTcl, BOARD_PATHS } from './bitstream-tcl';
import { generateBlockDesign } from './block-design';
import { acceleratorJson, generateDriver, interfaceJson } from './driver';

/**
 * The board folder of an accelerator on a Zynq UltraScale+ board with PYNQ: block_design.tcl,
 * build_bitstream.tcl, and driver/ (the Python driver, interface.json, accelerator.json). The
 * bitstream script writes overlay/<top>.bit and .hwh; copy driver/ and overlay/ to the board.
 */
export function zynqPynqBoardFiles(board: BoardDefinition, input: BoardFilesInput): Map<string, string> {
  const top = input.interface.top;
  const files = new Map<string, string>();
  files.set(BOARD_PATHS.blockDesign, generateBlockDesign(input.interface, board));
  files.set(BOARD_PATHS.bitstream, generateBitstreamTcl(input.interface, board, input.hlsFolder));
  files.set(`${BOARD_PATHS.driverDir}/${top}_driver.py`, generateDriver(top));
  files.set(`${BOARD_PATHS.driverDir}/interface.json`, interfaceJson(input.interface));
  files.set(`${BOARD_PATHS.driverDir}/accelerator.json`, acceleratorJson(input.description));
  return files;
}
