import type { Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * Test code never ships: a build that reaches a test file or test support (`*.test.ts`,
 * `*.test-support.ts`, the one naming test helpers follow) from an entry fails, naming the importer.
 */
const noTestCode: EsbuildPlugin = {
  name: 'scanflow-no-test-code',
  setup(build) {
    build.onResolve({ filter: /\.test(-support)?(\.ts)?$/ }, (args) => ({
      errors: [{ text: `${args.importer} imports test code '${args.path}': test files and *.test-support.ts helpers are never part of a package build` }],
    }));
  },
};

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
    esbuildPlugins: [noTestCode, ...(extra.esbuildPlugins ?? [])],
  };
}
