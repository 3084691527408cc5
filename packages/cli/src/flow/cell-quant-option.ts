import { existsSync, readFileSync, statSync } from 'node:fs';
import { UsageError } from '../cli-error';
import { cellQuantSpecText } from './run-flow';

/**
 * `--cell-quant SPEC`: a shorthand ('w8a6'), 'name=bits;...' pairs, or the path of a JSON file
 * naming each quantiser's bits. Returns the canonical spec text (or nothing when the flag is absent).
 */
export function cellQuantOption(value: string | undefined): { cellQuant?: string } {
  if (value === undefined) return {};
  let text = value;
  if (/\.json$/i.test(value) || (existsSync(value) && statSync(value).isFile())) {
    try {
      text = readFileSync(value, 'utf8');
    } catch {
      throw new UsageError(`--cell-quant ${value}: cannot read the file`);
    }
  }
  return { cellQuant: cellQuantSpecText(text) };
}
