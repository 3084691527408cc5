import { lstatSync, writeFileSync } from 'node:fs';
import { foldingOf } from '@scanflow/hls-backend';
import { type Model, quoteName, type Registry } from '@scanflow/ir';
import { EnvironmentError, UsageError } from '../cli-error';

/**
 * The folding of a hardware-stage model as a folding file (`--folding` reads it back): every
 * foldable layer by name with its PE / SIMD and its implementation choices. Deterministic (layers
 * in graph order, bodies after their parent).
 */
export function foldingText(model: Model, registry: Registry): string {
  return `${JSON.stringify(foldingOf(model, registry), null, 2)}\n`;
}

/** `--save-folding FILE`: writes the folding there (a regular file or nothing; never through a link). */
export function saveFoldingFile(path: string, model: Model, registry: Registry): void {
  let stat: ReturnType<typeof lstatSync> | undefined;
  try {
    stat = lstatSync(path);
  } catch {
    stat = undefined;
  }
  if (stat && !stat.isFile()) throw new UsageError(`--save-folding ${quoteName(path)}: not a regular file (a folder, link or device)`);
  try {
    writeFileSync(path, foldingText(model, registry));
  } catch (e) {
    throw new EnvironmentError('WRITE_FAILED', `--save-folding ${quoteName(path)}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
