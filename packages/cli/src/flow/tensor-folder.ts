import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { quoteName } from '@scanflow/ir';
import { readTensorFile } from '@scanflow/onnx-io';
import { InputError } from '../cli-error';

/** Numbered TensorProto files `<prefix>_0.pb`, `<prefix>_1.pb` ... in a folder, in order, without gaps. */
export function numberedTensorFiles(dir: string, prefix: string): string[] {
  const re = new RegExp(`^${prefix}_(\\d+)\\.pb$`);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${quoteName(dir)}: ${code === 'ENOENT' ? 'no such folder' : code === 'ENOTDIR' ? 'not a folder' : (e as Error).message}`, { cause: e });
  }
  const found = entries
    .map((f) => re.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
  found.forEach((n, k) => {
    if (n !== k) throw new InputError(`${quoteName(dir)}: ${prefix}_${k}.pb is missing (found ${prefix}_${n}.pb)`);
  });
  return found.map((n) => join(dir, `${prefix}_${n}.pb`));
}

/** The tensors of `input_0.pb ...` in a folder (regular files only, within the element limit). */
export function readInputFolder(dir: string, options: { maxElements?: number } = {}) {
  return numberedTensorFiles(dir, 'input').map((f) => readTensorFile(f, options.maxElements !== undefined ? { maxTensorElements: options.maxElements } : {}).tensor);
}
