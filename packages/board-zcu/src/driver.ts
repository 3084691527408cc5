import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AcceleratorDescription, AcceleratorInterface } from '@scanflow/hls-backend';
import { BoardFilesError, checkIdentifier } from './tcl-names';

/** Absolute path of the driver template (python/scanflow_driver.py in this package). */
export function driverTemplatePath(): string {
  return fileURLToPath(new URL('../python/scanflow_driver.py', import.meta.url));
}

let template: string | undefined;

const CONSTANTS = /# @scanflow:constants\n[\s\S]*?# @scanflow:end-constants\n/;

/**
 * The PYNQ driver of an accelerator: the package's driver (python/scanflow_driver.py, plain Python 3
 * + NumPy, PYNQ imported only on the board path) with the top and overlay names set. Everything else
 * it reads from interface.json and accelerator.json beside it, so it follows the port layout
 * without edits.
 */
export function generateDriver(top: string): string {
  checkIdentifier(top, 'top function');
  template ??= readFileSync(driverTemplatePath(), 'utf8');
  if (!CONSTANTS.test(template)) throw new BoardFilesError('the driver template has no constants block');
  return template.replace(CONSTANTS, `# @scanflow:constants\nTOP = '${top}'\nOVERLAY = '${top}'\n# @scanflow:end-constants\n`);
}

/** interface.json's text: the same bytes as the HLS project's copy (2-space JSON, key order as built). */
export function interfaceJson(value: AcceleratorInterface): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** accelerator.json's text: one line of JSON (weights and thresholds make it long; it is read by the driver). */
export function acceleratorJson(value: AcceleratorDescription): string {
  return `${JSON.stringify(value)}\n`;
}
