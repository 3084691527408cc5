import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCpp, hasCppCompiler } from '../compile-cpp';

/** Test-only support: build the committed C++ fixture programs in test/cpp and run their cases. */

export const gppAvailable: boolean = hasCppCompiler();

/** Appended to suite titles, so a skipped run says why. */
export const skipNote: string = gppAvailable ? '' : ' [skipped: no C++ compiler (g++ or $CXX) on this machine]';

/** Absolute path of a file in test/cpp. */
export function fixturePath(file: string): string {
  return fileURLToPath(new URL(`../../test/cpp/${file}`, import.meta.url));
}

export interface FixtureRun {
  readonly status: number;
  readonly stdout: string;
  readonly checks: number;
  readonly failures: number;
}

export interface FixtureOptions {
  readonly defines?: Readonly<Record<string, string | number | true>>;
  readonly includeDirs?: readonly string[];
  readonly optimize?: 0 | 1 | 2 | 3;
}

/** One C++ fixture program, compiled into its own temporary folder. */
export class CppFixture {
  private dir: string | undefined;

  constructor(
    readonly name: string,
    private readonly options: FixtureOptions = {},
  ) {}

  get binary(): string {
    if (this.dir === undefined) throw new Error(`fixture ${this.name} is not built`);
    return join(this.dir, this.name);
  }

  /** Compile test/cpp/<name>.cpp with -DSCANFLOW_CSIM_TRIPS (plus the given defines). */
  build(): void {
    this.dir = mkdtempSync(join(tmpdir(), `scanflow-hls-${this.name}-`));
    compileCpp({
      sources: [fixturePath(`${this.name}.cpp`)],
      output: join(this.dir, this.name),
      defines: { SCANFLOW_CSIM_TRIPS: true, ...this.options.defines },
      includeDirs: this.options.includeDirs,
      optimize: this.options.optimize ?? 0,
    });
  }

  /** The case names the program knows. */
  list(): string[] {
    return execFileSync(this.binary, ['--list'], { encoding: 'utf8' }).split('\n').filter((s) => s !== '');
  }

  run(caseName: string): FixtureRun {
    let stdout: string;
    let status = 0;
    try {
      stdout = execFileSync(this.binary, [caseName], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    } catch (error) {
      const e = error as { status?: number | null; stdout?: string };
      stdout = e.stdout ?? '';
      status = e.status ?? -1;
    }
    const checks = Number(/^CHECKS (\d+)$/m.exec(stdout)?.[1] ?? -1);
    const failures = Number(/^FAILURES (\d+)$/m.exec(stdout)?.[1] ?? -1);
    return { status, stdout, checks, failures };
  }

  dispose(): void {
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}

/** Failure lines of a run, for assertion messages. */
export function failureReport(run: FixtureRun): string {
  return run.stdout
    .split('\n')
    .filter((l) => !/^(ADD|SUB|MUL|AND|OR|XOR|CMP|CONV|NEG|NOT|SHL|SHR|RANGE|SETRANGE) /.test(l))
    .slice(0, 40)
    .join('\n');
}

/**
 * A suite that builds fixture `name` once and runs every case of the table as its own test; the
 * table must list exactly the cases the program defines.
 */
export function describeFixture(
  title: string,
  name: string,
  cases: readonly string[],
  options: FixtureOptions = {},
  extra?: (fixture: CppFixture) => void,
): void {
  describe(`${title} (test/cpp/${name}.cpp)${skipNote}`, () => {
    const fixture = new CppFixture(name, options);
    beforeAll(() => {
      if (gppAvailable) fixture.build();
    });
    afterAll(() => fixture.dispose());

    it.skipIf(!gppAvailable)('the table lists exactly the cases the program defines', () => {
      expect(fixture.list().sort()).toEqual([...cases].sort());
    });

    it.skipIf(!gppAvailable).each([...cases])('%s', (caseName) => {
      const run = fixture.run(caseName);
      expect(run.failures, failureReport(run)).toBe(0);
      expect(run.checks, failureReport(run)).toBeGreaterThan(0);
      expect(run.status, failureReport(run)).toBe(0);
    });

    extra?.(fixture);
  });
}
