import type { Options } from 'tsup';

/** Shared tsup settings: ESM only, declarations, one bundle per entry, Node 20 target. */
export function packageBuild(entry: Record<string, string> | string[] = ['src/index.ts'], extra: Partial<Options> = {}): Options {
  return {
    entry,
    format: ['esm'],
    dts: true,
    clean: true,
    sourcemap: false,
    target: 'node20',
    platform: 'node',
    splitting: false,
    treeshake: true,
    ...extra,
  };
}
