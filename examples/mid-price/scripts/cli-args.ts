import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isScanflowError } from '@scanflow/ir';

/** A command-line problem: the scripts print it on one line and exit with code 2. */
export class UsageProblem extends Error {}

/** A step of a script that failed for a reason it can name (a flow stage, a check): one line, exit 1. */
export class StepFailed extends Error {}

/** parseArgs with one-line errors. */
export function parseOptions<S extends string, F extends string>(
  strings: readonly S[],
  flags: readonly F[],
  argv = process.argv.slice(2),
  maxPositionals = 0,
): { [K in S]?: string } & { [K in F]?: boolean } & { positionals: string[] } {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const s of strings) options[s] = { type: 'string' };
  for (const f of flags) options[f] = { type: 'boolean' };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ options, args: argv, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageProblem((e as Error).message);
  }
  if (parsed.positionals.length > maxPositionals) throw new UsageProblem(`unexpected argument '${parsed.positionals[maxPositionals]}'`);
  return { ...(parsed.values as { [K in S]?: string } & { [K in F]?: boolean }), positionals: parsed.positionals };
}

export function intOption(v: string | undefined, name: string, fallback: number, min = 1): number {
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageProblem(`--${name} takes an integer ≥ ${min}, got '${v}'`);
  return Number(v);
}

export function numberOption(v: string | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageProblem(`--${name} takes a positive number, got '${v}'`);
  return n;
}

/**
 * Runs a script's main function: a usage problem exits with 2, a data / model problem (a
 * ScanflowError, e.g. a malformed FI-2010 file) or a failed step with 1, both as one line; anything else is a bug and
 * shows its stack. (The tfjs WebAssembly backend installs its own uncaught-exception handler, so
 * nothing may escape.)
 */
export async function runScript(name: string, main: () => Promise<number | void>): Promise<void> {
  try {
    process.exitCode = (await main()) ?? 0;
  } catch (e) {
    if (e instanceof UsageProblem) {
      process.stderr.write(`${name}: ${e.message}\n`);
      process.exitCode = 2;
    } else if (isScanflowError(e) || e instanceof StepFailed) {
      process.stderr.write(`${name}: ${e.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`${name}: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 70;
    }
  }
}
