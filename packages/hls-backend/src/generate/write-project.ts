import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { HlsCodegenError } from '../codegen/errors';

/** Checks that a project-relative path stays inside `root` and returns its absolute path. */
export function resolveInside(root: string, rel: string): string {
  const segments = rel.split(/[\\/]/);
  if (rel === '' || isAbsolute(rel) || /^[A-Za-z]:/.test(rel) || rel.includes('\0') || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new HlsCodegenError(`refusing to write '${rel}': not a plain relative path inside the project folder`);
  }
  const full = resolve(root, rel);
  const back = relative(root, full);
  if (back.startsWith('..') || isAbsolute(back) || !full.startsWith(root + sep)) {
    throw new HlsCodegenError(`refusing to write '${rel}': it resolves outside the project folder`);
  }
  return full;
}

/**
 * Writes a generated project into `outDir` (created if needed). Every path is checked first;
 * nothing is written if one would land outside `outDir`. Returns the absolute paths written.
 */
export function writeHlsProject(project: { readonly files: ReadonlyMap<string, string> }, outDir: string): string[] {
  const root = resolve(outDir);
  const targets = [...project.files].map(([rel, content]) => ({ rel, full: resolveInside(root, rel), content }));
  mkdirSync(root, { recursive: true });
  for (const t of targets) {
    mkdirSync(dirname(t.full), { recursive: true });
    writeFileSync(t.full, t.content);
    if (t.rel.endsWith('.sh')) chmodSync(t.full, 0o755);
  }
  return targets.map((t) => t.full);
}
