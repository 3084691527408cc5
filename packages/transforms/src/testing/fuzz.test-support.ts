/**
 * Fuzzing parameters for this package's property tests: a fixed seed (reproducible in CI), a small
 * number of runs in CI, and a long local mode — `SCANFLOW_FUZZ_RUNS=100000` runs every property
 * that many times; `SCANFLOW_FUZZ_SEED=n` explores other inputs.
 */
export function fuzzParameters(ciRuns: number): { seed: number; numRuns: number } {
  const runs = Number(process.env['SCANFLOW_FUZZ_RUNS']);
  const seed = Number(process.env['SCANFLOW_FUZZ_SEED']);
  return { seed: Number.isInteger(seed) ? seed : 20261216, numRuns: Number.isInteger(runs) && runs > 0 ? runs : ciRuns };
}

/** Whether the long local mode is on (tests then lift their time budget). */
export const LONG_FUZZ = Number(process.env['SCANFLOW_FUZZ_RUNS']) > 0;
