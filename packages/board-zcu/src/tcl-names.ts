import { ScanflowError } from '@scanflow/ir';

/** A board file that cannot be generated (bad name, too many ports ...). */
export class BoardFilesError extends ScanflowError {
  constructor(message: string) {
    super('BOARD_FILES', message);
    this.name = 'BoardFilesError';
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const PART = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$/;

/** Checks a name that goes into Tcl or Python unquoted (a sanitised C++ identifier). */
export function checkIdentifier(name: string, what: string): string {
  if (!IDENTIFIER.test(name)) throw new BoardFilesError(`${what} '${name}' is not a plain identifier (letters, digits, '_'); board files only take sanitised names`);
  return name;
}

/** Checks a part or board-part name for Tcl. */
export function checkPartName(name: string, what: string): string {
  if (!PART.test(name)) throw new BoardFilesError(`${what} '${name}' is not a part name (letters, digits, '_', '.', ':', '-')`);
  return name;
}

/** Hexadecimal address with a 0x prefix, 8 digits per 32 bits (e.g. 0xA0010000). */
export function hex(n: number): string {
  return `0x${n.toString(16).toUpperCase().padStart(8, '0')}`;
}
