import { spawnSync } from 'node:child_process';

/**
 * A Python 3 interpreter with NumPy for the driver tests: `python3` on the PATH, else Debian's
 * /usr/bin/python3 (where .ci/run installs python3-numpy). Undefined when neither has NumPy.
 */
export function pythonWithNumpy(): string | undefined {
  for (const exe of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(exe, ['-c', 'import numpy'], { stdio: 'ignore' });
    if (r.status === 0) return exe;
  }
  return undefined;
}

/** Runs python with arguments; returns exit status, stdout and stderr. */
export function runPython(python: string, args: readonly string[], cwd?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(python, [...args], { encoding: 'utf8', ...(cwd ? { cwd } : {}) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
