import type { Command } from 'commander';
import { UsageError } from './cli-error';

/** Parses a positive integer flag value (e.g. --max-elements 100000000), or a UsageError. */
export function parsePositiveInt(v: string, flag: string): number {
  const n = /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${flag} takes a positive integer, got '${v}'`);
  return n;
}

/** Flags that make no sense together: the first is ignored when the second is given, so both are refused. */
const CONFLICTS: [string, string][] = [
  ['--seed', '--inputs'],
  ['--dim', '--inputs'],
];

/**
 * Options every command shares and rules between options, applied to all subcommands in one place:
 * `--max-elements N` (the largest tensor scanflow may allocate), and conflicts between flags that
 * would otherwise be silently ignored (e.g. --seed with --inputs).
 */
export function applyCommandRules(program: Command): void {
  for (const cmd of program.commands) {
    cmd.option(
      '--max-elements <n>',
      'largest tensor (elements) scanflow may allocate while decoding, folding or simulating (default 67108864 = 2^26)',
      (v: string) => parsePositiveInt(v, '--max-elements'),
    );
    for (const [a, b] of CONFLICTS) {
      const opt = cmd.options.find((o) => o.long === a);
      const other = cmd.options.find((o) => o.long === b);
      if (opt && other) opt.conflicts(other.attributeName());
    }
  }
}
