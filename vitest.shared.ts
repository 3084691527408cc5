import { defineConfig } from 'vitest/config';

/** Settings every package's vitest project shares: resolve workspace packages from source. */
export const sharedVitestConfig = defineConfig({
  ssr: { resolve: { conditions: ['@scanflow/source', 'module', 'node', 'development|production'] } },
  resolve: { conditions: ['@scanflow/source', 'module', 'node', 'development|production'] },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    benchmark: { include: ['src/**/*.bench.ts', 'bench/**/*.bench.ts'] },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
