import type { CliIO } from '../io';

/** A CliIO that keeps what a command prints: stdout lines and stderr lines apart. */
export function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}
